package dev.prune.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A folder of MNIST-style IDX files: {@code train-images-idx3-ubyte[.gz]} with {@code train-labels-idx1-ubyte[.gz]},
 * and the same with {@code t10k-}. With both pairs, train is train and t10k is test. With the t10k pair alone
 * (what the examples ship, to stay small) it is cut in two, so a recipe still has a test split no training
 * example comes from.
 */
final class IdxFolder {

    /** With only the t10k pair: its first 8,000 examples train (and validate), the rest test. */
    static final int T10K_TRAIN = 8_000;

    private IdxFolder() {
    }

    static Pools read(Path dir, ModelInput model, Pipeline pipeline) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir, Files.exists(dir) ? "not a folder" : "no such folder");
        }
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
        Path trainImages = find(dir, "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train-labels-idx1-ubyte");
        requirePair(dir, testImages, testLabels, "t10k");
        requirePair(dir, trainImages, trainLabels, "train");
        List<String> classes = IntStream.range(0, model.classes()).mapToObj(String::valueOf).toList();
        if (testImages == null && trainImages == null) {
            throw new DataException(dir, "no IDX files: expected t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz "
                    + "(and optionally the train- pair), gzip-compressed or not");
        }
        if (trainImages != null && testImages != null) {
            IdxImages train = open(trainImages, trainLabels, model, pipeline);
            IdxImages test = open(testImages, testLabels, model, pipeline);
            return new Pools(Split.range("train", train, 0, train.size()), Split.range("test", test, 0, test.size()), classes,
                    "train (" + train.size() + ")", "t10k (" + test.size() + ")");
        }
        Path images = trainImages != null ? trainImages : testImages;
        Path labels = trainImages != null ? trainLabels : testLabels;
        String prefix = trainImages != null ? "train" : "t10k";
        IdxImages only = open(images, labels, model, pipeline);
        if (only.size() <= T10K_TRAIN) {
            throw new DataException(images, "only " + only.size() + " images and no other pair: need more than " + T10K_TRAIN
                    + " to keep a test split apart");
        }
        return new Pools(Split.range("train", only, 0, T10K_TRAIN), Split.range("test", only, T10K_TRAIN, only.size()), classes,
                prefix + " 0-" + (T10K_TRAIN - 1), prefix + " " + T10K_TRAIN + "-" + (only.size() - 1) + " (no other pair found)");
    }

    private static IdxImages open(Path images, Path labels, ModelInput model, Pipeline pipeline) throws DataException {
        IdxImages pair = IdxImages.of(IdxReader.read(images, 3), IdxReader.read(labels, 1), model);
        var problem = pipeline.problem(pair.imageSize());
        if (problem.isPresent()) {
            throw new DataException(images, problem.get());
        }
        return pair;
    }

    /** The file with or without {@code .gz}; null when neither exists. */
    private static Path find(Path dir, String name) {
        for (String candidate : List.of(name + ".gz", name)) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static void requirePair(Path dir, Path images, Path labels, String prefix) throws DataException {
        if (images != null && labels == null) {
            throw new DataException(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), "no such file, but " + images.getFileName()
                    + " is there: images need their labels");
        }
        if (images == null && labels != null) {
            throw new DataException(dir.resolve(prefix + "-images-idx3-ubyte.gz"), "no such file, but " + labels.getFileName()
                    + " is there: labels need their images");
        }
    }
}
