package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an IDX dataset can be broken fails at open, naming the file and the reason. */
class IdxErrorsTest {

    private static final ModelInput MODEL = new ModelInput(1, 4, 4, 10);

    @TempDir
    Path dir;

    private DataException openFails() {
        return assertThrows(DataException.class, () -> Dataset.open(Fixtures.spec(DataSpec.Kind.MNIST, dir, 0, 8, 1), MODEL));
    }

    private static void assertNames(DataException e, Path file, String reason) {
        assertEquals(file, e.path());
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' lacks '" + reason + "'");
        assertTrue(e.getMessage().startsWith(file + ": "), e::getMessage);
    }

    @Test
    void wrongMagicNumber() {
        Path images = Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idx(0x0801, new int[] {8100}, new byte[8100]));
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.labels(8100, 10));
        assertNames(openFails(), images, "wrong magic number 0x00000801: expected 0x00000803");
    }

    @Test
    void truncatedGzip() {
        Fixtures.idxPair(dir, "t10k", 8100, 4, 10);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] whole = Fixtures.gzip(Fixtures.images(8100, 4));
        Fixtures.write(images, Arrays.copyOf(whole, whole.length / 2));
        assertNames(openFails(), images, "truncated gzip stream");
    }

    @Test
    void truncatedBody() {
        byte[] whole = Fixtures.images(8100, 4);
        Path images = Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(whole, whole.length - 5));
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.labels(8100, 10));
        assertNames(openFails(), images, "truncated: the header says 8100x4x4 = 129600 bytes of data, the file has 129595");
    }

    @Test
    void truncatedHeader() {
        Path images = Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.labels(8100, 10));
        assertNames(openFails(), images, "truncated header");
    }

    @Test
    void imagesAndLabelsDisagreeInCount() {
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.images(8100, 4)));
        Path labels = Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.gzip(Fixtures.labels(8099, 10)));
        assertNames(openFails(), labels, "has 8099 labels, but t10k-images-idx3-ubyte.gz has 8100 images");
    }

    @Test
    void labelOutOfRangeForTheModel() {
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.images(8100, 4)));
        Path labels = Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.gzip(Fixtures.labels(8100, 12)));
        assertNames(openFails(), labels, "label 10 of example 10 is out of range: the model has 10 classes (0-9)");
    }

    @Test
    void imagesOfAnotherSizeThanTheModelsInput() {
        Fixtures.idxPair(dir, "t10k", 8100, 5, 10);
        assertNames(openFails(), dir.resolve("t10k-images-idx3-ubyte.gz"), "an image of 5x5 becomes 5x5 after preprocessing, but the model's input is 4x4");
    }

    @Test
    void missingLabelsFile() {
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.images(8100, 4)));
        assertNames(openFails(), dir.resolve("t10k-labels-idx1-ubyte.gz"), "no such file, but t10k-images-idx3-ubyte.gz is there");
    }

    @Test
    void missingFolderAndEmptyFolder() {
        Path missing = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class,
                () -> Dataset.open(Fixtures.spec(DataSpec.Kind.FASHION_MNIST, missing, 0, 8, 1), MODEL));
        assertNames(e, missing, "no such folder");
        assertNames(openFails(), dir, "no IDX files");
    }

    @Test
    void validationThatLeavesNothingToTrainOn() {
        Fixtures.idxPair(dir, "t10k", 8100, 4, 10);
        DataException e = assertThrows(DataException.class,
                () -> Dataset.open(Fixtures.spec(DataSpec.Kind.MNIST, dir, 8000, 8, 1), MODEL));
        assertNames(e, dir, "val 8000 leaves no training examples: the training pool has 8000");
    }
}
