package dev.prune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code image_folder(path)}: {@code path/train/<class>/*.png|jpg} and {@code path/val/<class>/...}. The
 * classes are train/'s subfolders in sorted order (label 0 is the first name); val/ holds the test split
 * and may lack a class but not add one. Every file's header is read when the dataset is opened, so a file
 * that is not an image, or whose size the preprocessing cannot turn into the model's input, stops the run
 * before training rather than in the middle of an epoch.
 */
final class ImageFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {
    }

    static Pools read(Path root, ModelInput model, Pipeline pipeline) throws DataException {
        if (!Files.isDirectory(root)) {
            throw new DataException(root, Files.exists(root) ? "not a folder" : "no such folder");
        }
        Path trainDir = requireFolder(root.resolve("train"));
        Path valDir = requireFolder(root.resolve("val"));
        List<String> classes = subfolders(trainDir);
        if (classes.isEmpty()) {
            throw new DataException(trainDir, "no class folders: image_folder wants one subfolder per class");
        }
        if (classes.size() > model.classes()) {
            throw new DataException(trainDir, classes.size() + " class folders, but the model has " + model.classes() + " classes");
        }
        for (String name : subfolders(valDir)) {
            if (!classes.contains(name)) {
                throw new DataException(valDir.resolve(name), "class '" + name + "' is not one of train/'s classes " + classes);
            }
        }
        Scan scan = new Scan(pipeline);
        FolderImages train = scan.split(trainDir, classes, model, false);
        FolderImages test = scan.split(valDir, classes, model, true);
        return new Pools(Split.range("train", train, 0, train.size()), Split.range("test", test, 0, test.size()), classes,
                "train/ (" + train.size() + " images)", "val/ (" + test.size() + " images)");
    }

    /** Lists and probes the files of one split, remembering the first image's size to explain a mismatch. */
    private static final class Scan {
        private final Pipeline pipeline;
        private Path firstFile;
        private Size firstSize;

        Scan(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        FolderImages split(Path dir, List<String> classes, ModelInput model, boolean missingClassesAllowed) throws DataException {
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int label = 0; label < classes.size(); label++) {
                Path classDir = dir.resolve(classes.get(label));
                if (missingClassesAllowed && !Files.isDirectory(classDir)) {
                    continue;
                }
                List<Path> images = imageFiles(classDir);
                if (images.isEmpty()) {
                    throw new DataException(classDir, "empty class folder: no .png, .jpg or .jpeg files");
                }
                for (Path image : images) {
                    check(image, probe(image));
                    files.add(image);
                    labels.add(label);
                }
            }
            return new FolderImages(files, labels.stream().mapToInt(Integer::intValue).toArray(), model.channels());
        }

        private void check(Path file, Size size) throws DataException {
            if (firstSize == null) {
                firstFile = file;
                firstSize = size;
            }
            Optional<String> problem = pipeline.problem(size);
            if (problem.isPresent()) {
                String others = size.equals(firstSize) ? "" : "; it is " + size + " while " + firstFile.getFileName() + " is " + firstSize;
                throw new DataException(file, problem.get() + others);
            }
        }
    }

    /** The image's size from its header, without decoding the pixels. */
    private static Size probe(Path file) throws DataException {
        return ImageDecoder.size(file);
    }

    private static Path requireFolder(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir, "missing: image_folder needs train/ and val/, each with one subfolder per class");
        }
        return dir;
    }

    private static List<String> subfolders(Path dir) throws DataException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static List<Path> imageFiles(Path dir) throws DataException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
