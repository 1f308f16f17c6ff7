package dev.prune.data;

import dev.prune.plan.DataPlan;
import dev.prune.plan.DataPlan.ValSize;
import dev.prune.plan.NamedSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A recipe's {@code data} section as the data readers and the loader take it, made from the plan's
 * {@link DataPlan} in one place ({@link #from}).
 *
 * @param kind       which dataset reader
 * @param path       the folder holding the dataset, as written (see {@link #resolvedAgainst(Path)})
 * @param maxTrain   at most this many training examples (validation included), or empty for all
 * @param maxTest    at most this many test examples, or empty for all
 * @param batch      examples per batch, for training and evaluation
 * @param val        how much of the training pool is held out for validation
 * @param augment    training-only augmentations, in order
 * @param preprocess steps for every split, in order
 * @param workers    background decoding threads
 * @param seed       the recipe's seed: the validation split, shuffles and augmentations derive from it
 */
public record DataSpec(Kind kind, Path path, OptionalInt maxTrain, OptionalInt maxTest, int batch, ValSize val,
        List<Augmentation> augment, List<Preprocessing> preprocess, int workers, long seed) {

    public DataSpec {
        augment = List.copyOf(augment);
        preprocess = List.copyOf(preprocess);
        if (batch < 1 || workers < 1) {
            throw new IllegalArgumentException("batch and workers are at least 1");
        }
    }

    /** The dataset families of the language ({@code Catalogue.DATASETS}). */
    public enum Kind {
        FASHION_MNIST("fashion_mnist"), MNIST("mnist"), IMAGE_FOLDER("image_folder");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown dataset " + id);
        }
    }

    /** The plan's data section with the recipe's seed: the one place the runtime's data types are made from the plan's. */
    public static DataSpec from(DataPlan data, long seed) {
        if (data.valFrom() != NamedSplit.TRAIN) {
            throw new IllegalArgumentException("validation comes from train, not " + data.valFrom().id());
        }
        DataPlan.Source source = data.source();
        return new DataSpec(Kind.valueOf(source.kind().name()), Path.of(source.path()), source.maxTrain(), source.maxTest(),
                data.batch(), data.val(),
                data.augment().stream().map(DataSpec::augmentation).toList(),
                data.preprocess().stream().map(DataSpec::preprocessing).toList(),
                data.workers(), seed);
    }

    /** The same spec with a relative path taken from {@code dir} (the recipe's folder, say). */
    public DataSpec resolvedAgainst(Path dir) {
        return new DataSpec(kind, dir.resolve(path), maxTrain, maxTest, batch, val, augment, preprocess, workers, seed);
    }

    private static Augmentation augmentation(DataPlan.Augment step) {
        if (step instanceof DataPlan.Augment.RandomCrop c) {
            return new Augmentation.RandomCrop(c.size(), c.padding());
        }
        if (step instanceof DataPlan.Augment.RandomResizedCrop c) {
            return new Augmentation.RandomResizedCrop(c.size(), c.minScale(), Interpolation.of(c.interpolation()));
        }
        return new Augmentation.HFlip(((DataPlan.Augment.HFlip) step).p());
    }

    private static Preprocessing preprocessing(DataPlan.Preprocess step) {
        if (step instanceof DataPlan.Preprocess.Resize r) {
            return new Preprocessing.Resize(r.size(), Interpolation.of(r.interpolation()));
        }
        if (step instanceof DataPlan.Preprocess.CenterCrop c) {
            return new Preprocessing.CenterCrop(c.size());
        }
        DataPlan.Preprocess.Normalize n = (DataPlan.Preprocess.Normalize) step;
        return new Preprocessing.Normalize(n.mean(), n.std());
    }
}
