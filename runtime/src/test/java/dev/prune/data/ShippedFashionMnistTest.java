package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Fashion-MNIST test pair shipped in examples/data reads as it should, the same way on every run. */
class ShippedFashionMnistTest {

    private static final Path DIR = Path.of("../examples/data/fashion-mnist");

    @Test
    void theT10kPairIsTenThousandLabelledImagesSplitEightToTwo() throws DataException {
        IdxReader.IdxArray images = IdxReader.read(DIR.resolve("t10k-images-idx3-ubyte.gz"), 3);
        IdxReader.IdxArray labels = IdxReader.read(DIR.resolve("t10k-labels-idx1-ubyte.gz"), 1);
        assertEquals(List.of(10_000, 28, 28), java.util.Arrays.stream(images.dims()).boxed().toList());
        assertEquals(10_000, labels.count());
        int[] perClass = new int[10];
        for (byte label : labels.data()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertEquals(1_000, count); // Fashion-MNIST's test set is balanced
        }
        // Both values computed independently with Python's gzip module on the same file.
        long sum = 0;
        long checksum = 0;
        for (byte pixel : images.data()) {
            sum += pixel & 0xff;
            checksum = checksum * 31 + (pixel & 0xff);
        }
        assertEquals(573_469_082L, sum);
        assertEquals(7_335_505_760_147_894_980L, checksum);

        DataSpec spec = Fixtures.spec(DataSpec.Kind.FASHION_MNIST, DIR, 1000, 128, 2);
        Dataset data = Dataset.open(spec, new ModelInput(1, 28, 28, 10));
        assertEquals(List.of(7_000, 1_000, 2_000), List.of(data.train().size(), data.val().size(), data.test().size()));
        assertEquals("fashion_mnist at " + DIR + ": train 7000 + val 1000 (seed 7) from t10k 0-7999, "
                + "test 2000 from t10k 8000-9999 (no other pair found)", data.description());
        assertEquals(labels.data()[8_000], data.test().label(0));
        assertTrue(data.train().sourceIndex(data.train().size() - 1) < 8_000);
        assertEquals(55, data.trainBatchesPerEpoch());
    }
}
