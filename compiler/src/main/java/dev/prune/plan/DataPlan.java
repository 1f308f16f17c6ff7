package dev.prune.plan;

import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code data} section, bound.
 *
 * @param source     the dataset and where it is
 * @param batch      examples per batch, for training and evaluation
 * @param val        how much of the training pool is held out for validation
 * @param valFrom    the split validation is taken from (train, the only one the language allows)
 * @param augment    training-only augmentations, in order
 * @param preprocess steps for every split, in order
 * @param workers    background decoding threads (hash-neutral: see the catalogue)
 */
public record DataPlan(Source source, int batch, ValSize val, NamedSplit valFrom, List<Augment> augment, List<Preprocess> preprocess,
        int workers) {

    public DataPlan {
        augment = List.copyOf(augment);
        preprocess = List.copyOf(preprocess);
    }

    /** The dataset families of the catalogue. */
    public enum Kind {
        FASHION_MNIST, MNIST, IMAGE_FOLDER
    }

    /**
     * {@code fashion_mnist("dir", max_train: 5000)}, {@code image_folder("dir")}.
     *
     * @param path as written in the spec
     */
    public record Source(Kind kind, String path, OptionalInt maxTrain, OptionalInt maxTest) {
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

    /** An augmentation of the catalogue, as declared. */
    public sealed interface Augment {
        record RandomCrop(int size, int padding) implements Augment {
        }

        /** @param interpolation as the catalogue names it: {@code bilinear}, {@code bicubic}, ... */
        record RandomResizedCrop(int size, double minScale, String interpolation) implements Augment {
        }

        record HFlip(double p) implements Augment {
        }
    }

    /** A preprocessing step of the catalogue, as declared. */
    public sealed interface Preprocess {
        record Resize(int size, String interpolation) implements Preprocess {
        }

        record CenterCrop(int size) implements Preprocess {
        }

        record Normalize(List<Double> mean, List<Double> std) implements Preprocess {
            public Normalize {
                mean = List.copyOf(mean);
                std = List.copyOf(std);
            }
        }
    }
}
