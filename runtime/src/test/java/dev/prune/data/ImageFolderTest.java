package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    private static final ModelInput RGB = new ModelInput(3, 8, 8, 3);

    @TempDir
    Path root;

    /** Two classes, "cat" and "ant" (so the sorted order differs from the writing order), PNG and JPEG. */
    @BeforeEach
    void writeDataset() {
        for (int i = 0; i < 3; i++) {
            Fixtures.image(root.resolve("train/cat/c" + i + ".png"), 8, 8, 0x800000);
            Fixtures.image(root.resolve("train/ant/a" + i + ".jpg"), 8, 8, 0x000080);
        }
        Fixtures.image(root.resolve("val/cat/c.png"), 8, 8, 0x800000);
        Fixtures.image(root.resolve("val/ant/a.PNG"), 8, 8, 0x000080);
    }

    private DataSpec spec() {
        return Fixtures.spec(DataSpec.Kind.IMAGE_FOLDER, root, 1, 4, 1);
    }

    private DataException openFails(ModelInput model) {
        return assertThrows(DataException.class, () -> Dataset.open(spec(), model));
    }

    private static void assertNames(DataException e, Path file, String reason) {
        assertEquals(file, e.path());
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' lacks '" + reason + "'");
    }

    @Test
    void classesAreSortedFolderNamesAndValIsTheTestSplit() throws DataException {
        Dataset data = Dataset.open(spec(), RGB);
        assertEquals(List.of("ant", "cat"), data.classes());
        assertEquals(5, data.train().size());
        assertEquals(1, data.val().size());
        assertEquals(2, data.test().size());
        assertEquals(0, data.test().label(0));
        assertEquals(1, data.test().label(1));
        assertTrue(data.description().contains("train 5 + val 1 (seed 7) from train/ (6 images), test 2 from val/ (2 images)"),
                data::description);
    }

    @Test
    void decodesToTheModelsChannels() throws DataException {
        Image red = Dataset.open(spec(), RGB).test().read(1); // cat: red 0x80
        assertEquals(3, red.channels());
        assertEquals(128 / 255f, red.get(0, 0, 0), 1e-6);
        assertEquals(0f, red.get(2, 0, 0), 1e-6);
        Image grey = Dataset.open(spec(), new ModelInput(1, 8, 8, 3)).test().read(1);
        assertEquals(1, grey.channels());
        // Pillow's convert("L"): (128 * 19595 + 0x8000) >> 16 = 38, a whole grey level, not 0.299 * 128.
        assertEquals(38 / 255f, grey.get(0, 0, 0), 1e-6);
    }

    @Test
    void resizeAndCenterCropMakeImagesOfAnySizeFit() throws DataException {
        Fixtures.image(root.resolve("train/cat/big.png"), 20, 12, 0x808080);
        DataSpec spec = Fixtures.withAugment(Fixtures.spec(DataSpec.Kind.IMAGE_FOLDER, root, 0, 8, 1), List.of(),
                List.of(new Preprocessing.Resize(8), new Preprocessing.CenterCrop(8)));
        Dataset data = Dataset.open(spec, RGB);
        assertEquals(new Size(12, 20), data.train().read(3).size());
        try (BatchLoader loader = data.trainBatches(0)) {
            assertEquals(List.of(7, 3, 8, 8), java.util.Arrays.stream(loader.next().shape()).boxed().toList());
        }
    }

    @Test
    void missingTrainOrValFolder() throws Exception {
        deleteTree(root.resolve("val"));
        assertNames(openFails(RGB), root.resolve("val"), "missing: image_folder needs train/ and val/");
        deleteTree(root.resolve("train"));
        assertNames(openFails(RGB), root.resolve("train"), "missing");
    }

    @Test
    void emptyClassFolder() throws Exception {
        Files.createDirectories(root.resolve("train/bee"));
        Files.writeString(root.resolve("train/bee/notes.txt"), "no images here");
        assertNames(openFails(RGB), root.resolve("train/bee"), "empty class folder");
    }

    @Test
    void unreadableImage() {
        Path bad = Fixtures.write(root.resolve("train/cat/broken.png"), "not a png".getBytes(StandardCharsets.UTF_8));
        assertNames(openFails(RGB), bad, "unreadable image");
    }

    @Test
    void imageOfAnotherSizeThanTheRest() {
        Path odd = Fixtures.image(root.resolve("train/cat/odd.png"), 10, 8, 0x800000);
        assertNames(openFails(RGB), odd, "an image of 8x10 becomes 8x10 after preprocessing, but the model's input is 8x8");
        assertNames(openFails(RGB), odd, "it is 8x10 while a0.jpg is 8x8");
    }

    @Test
    void moreClassFoldersThanTheModelHasClasses() {
        Fixtures.image(root.resolve("train/bee/b.png"), 8, 8, 0);
        Fixtures.image(root.resolve("train/dog/d.png"), 8, 8, 0);
        assertNames(openFails(RGB), root.resolve("train"), "4 class folders, but the model has 3 classes");
    }

    @Test
    void valClassUnknownToTrain() {
        Fixtures.image(root.resolve("val/owl/o.png"), 8, 8, 0);
        assertNames(openFails(RGB), root.resolve("val/owl"), "class 'owl' is not one of train/'s classes [ant, cat]");
    }

    @Test
    void anImageDamagedAfterOpeningFailsInTheLoaderWithItsName() throws Exception {
        Dataset data = Dataset.open(spec(), RGB);
        Path victim = root.resolve("val/ant/a.PNG");
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, 40));
        try (BatchLoader loader = data.testBatches()) {
            DataException e = assertThrows(DataException.class, loader::next);
            assertEquals(victim, e.path());
            assertTrue(e.getMessage().contains("cannot decode") || e.getMessage().contains("not a JPEG"), e::getMessage);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
