package dev.prune.data;

import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A recipe's {@code data} section as plain Java: the one place that reads the checker's {@link Value}s, so
 * the readers and the loader never see them. The compiler has already checked every value, so a value of
 * the wrong kind here is a bug and fails with an unchecked exception.
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

    /** {@code val 1000} (a count) or {@code val 10%} (a share of the training pool). */
    public record ValSize(double amount, boolean percent) {
        /** How many of a pool of this size go to validation. */
        public int of(int pool) {
            return percent ? (int) Math.round(pool * amount / 100.0) : (int) amount;
        }

        @Override
        public String toString() {
            return percent ? amount + "%" : String.valueOf((long) amount);
        }
    }

    /** Reads the {@code data.*} and {@code seed} entries of a plan's shared parameters. */
    public static DataSpec from(Map<String, Resolved> shared) {
        Value.Fn data = (Value.Fn) required(shared, "data");
        String from = ((Value.Sym) required(shared, "data.val.from")).name();
        if (!from.equals("train")) {
            throw new IllegalArgumentException("validation comes from train, not " + from);
        }
        Value.Num val = (Value.Num) required(shared, "data.val");
        Value seed = shared.containsKey("seed") ? shared.get("seed").value() : new Value.Num(0, Unit.NONE);
        return new DataSpec(Kind.of(data.name()),
                Path.of(((Value.Str) data.arg("path")).value()),
                cap(data, "max_train"),
                cap(data, "max_test"),
                intOf(required(shared, "data.batch")),
                new ValSize(val.value(), val.unit() == Unit.PERCENT),
                calls(required(shared, "data.augment")).stream().map(DataSpec::augmentation).toList(),
                calls(required(shared, "data.preprocess")).stream().map(DataSpec::preprocessing).toList(),
                intOf(required(shared, "data.workers")),
                ((Value.Num) seed).asLong());
    }

    /** The same spec with a relative path taken from {@code dir} (the recipe's folder, say). */
    public DataSpec resolvedAgainst(Path dir) {
        return new DataSpec(kind, dir.resolve(path), maxTrain, maxTest, batch, val, augment, preprocess, workers, seed);
    }

    static Value required(Map<String, Resolved> shared, String key) {
        Resolved resolved = shared.get(key);
        if (resolved == null) {
            throw new IllegalArgumentException("the plan has no " + key);
        }
        return resolved.value();
    }

    private static OptionalInt cap(Value.Fn data, String arg) {
        if (!data.args().containsKey(arg) || data.arg(arg) instanceof Value.Sym) {
            return OptionalInt.empty(); // image_folder has no caps; `none` is a Sym
        }
        return OptionalInt.of(intOf(data.arg(arg)));
    }

    private static List<Value.Fn> calls(Value list) {
        List<Value.Fn> out = new ArrayList<>();
        for (Value item : ((Value.Lst) list).items()) {
            out.add((Value.Fn) item);
        }
        return out;
    }

    private static Augmentation augmentation(Value.Fn fn) {
        return switch (fn.name()) {
            case "random_crop" -> new Augmentation.RandomCrop(intOf(fn.arg("size")), intOf(fn.arg("padding")));
            case "random_resized_crop" -> new Augmentation.RandomResizedCrop(intOf(fn.arg("size")), numOf(fn.arg("min_scale")),
                    interpolation(fn));
            case "hflip" -> new Augmentation.HFlip(numOf(fn.arg("p")));
            default -> throw new IllegalArgumentException("unknown augmentation " + fn.name());
        };
    }

    private static Preprocessing preprocessing(Value.Fn fn) {
        return switch (fn.name()) {
            case "resize" -> new Preprocessing.Resize(intOf(fn.arg("size")), interpolation(fn));
            case "center_crop" -> new Preprocessing.CenterCrop(intOf(fn.arg("size")));
            case "normalize" -> new Preprocessing.Normalize(numbers(fn.arg("mean")), numbers(fn.arg("std")));
            default -> throw new IllegalArgumentException("unknown preprocessing step " + fn.name());
        };
    }

    /** The call's interpolation argument; a plan written before it existed means bilinear. */
    private static Interpolation interpolation(Value.Fn fn) {
        return fn.args().containsKey("interpolation") ? Interpolation.of(((Value.Sym) fn.arg("interpolation")).name())
                : Interpolation.BILINEAR;
    }

    private static int intOf(Value value) {
        return Math.toIntExact(((Value.Num) value).asLong());
    }

    private static double numOf(Value value) {
        return ((Value.Num) value).value();
    }

    private static List<Double> numbers(Value list) {
        return ((Value.Lst) list).items().stream().map(DataSpec::numOf).toList();
    }
}
