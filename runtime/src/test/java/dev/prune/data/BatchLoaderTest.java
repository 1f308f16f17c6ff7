package dev.prune.data;

import dev.prune.plan.DataPlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {

    private static final ModelInput MODEL = new ModelInput(1, 6, 6, 10);

    @TempDir
    static Path dir;

    /** A train and a t10k pair of 6x6 images: 300 to train on, 50 to test. */
    @BeforeAll
    static void writeDataset() {
        Fixtures.idxPair(dir, "train", 300, 6, 10);
        Fixtures.idxPair(dir, "t10k", 50, 6, 10);
    }

    private static DataSpec augmented(int workers) {
        return Fixtures.withAugment(Fixtures.spec(DataSpec.Kind.FASHION_MNIST, dir, 40, 32, workers),
                List.of(new Augmentation.RandomCrop(6, 2), new Augmentation.HFlip(0.5)),
                List.of(new Preprocessing.Normalize(List.of(0.5), List.of(0.25))));
    }

    private static List<Batch> all(BatchLoader loader) throws DataException {
        List<Batch> batches = new ArrayList<>();
        try (loader) {
            while (loader.hasNext()) {
                batches.add(loader.next());
            }
        }
        return batches;
    }

    @Test
    void oneWorkerAndTwoMakeTheSameBatches() throws DataException {
        Dataset one = Dataset.open(augmented(1), MODEL);
        Dataset two = Dataset.open(augmented(2), MODEL);
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(all(one.trainBatches(epoch)), all(two.trainBatches(epoch)));
        }
        assertEquals(all(one.valBatches()), all(two.valBatches()));
        assertEquals(all(one.testBatches()), all(two.testBatches()));
    }

    @Test
    void eachEpochIsAnotherShuffleOfTheSameExamples() throws DataException {
        Dataset data = Dataset.open(augmented(2), MODEL);
        List<Batch> epoch0 = all(data.trainBatches(0));
        assertEquals(epoch0, all(data.trainBatches(0)));
        List<Batch> epoch1 = all(data.trainBatches(1));
        assertNotEquals(epoch0, epoch1);
        assertArrayEquals(labelCounts(epoch0), labelCounts(epoch1));
        assertEquals(260, epoch0.stream().mapToInt(Batch::size).sum());
        assertEquals(9, epoch0.size());
        assertEquals(List.of(32, 1, 6, 6), Arrays.stream(epoch0.get(0).shape()).boxed().toList());
        assertEquals(4, epoch0.get(8).size());
    }

    @Test
    void evaluationIsInOrderAndUnaugmented() throws DataException {
        Dataset data = Dataset.open(augmented(1), MODEL);
        List<Batch> test = all(data.testBatches());
        assertEquals(2, test.size());
        assertEquals(18, test.get(1).size());
        Image first = data.test().read(0);
        float[] expected = new float[36];
        for (int i = 0; i < 36; i++) {
            expected[i] = (first.pixels()[i] - 0.5f) / 0.25f;
        }
        assertArrayEquals(expected, Arrays.copyOf(test.get(0).images(), 36), 1e-6f);
        assertEquals(data.test().label(0), test.get(0).labels()[0]);
    }

    @Test
    void theValidationSplitIsFixedBySeedAndDisjointFromTrain() throws DataException {
        Dataset data = Dataset.open(augmented(1), MODEL);
        assertEquals(40, data.val().size());
        assertEquals(260, data.train().size());
        List<Integer> val = indices(data.val());
        List<Integer> train = indices(data.train());
        assertTrue(val.stream().noneMatch(train::contains));
        assertEquals(val, indices(Dataset.open(augmented(2), MODEL).val()));
        DataSpec otherSeed = new DataSpec(DataSpec.Kind.MNIST, dir, java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), 32,
                new DataPlan.ValSize(40, false), List.of(), List.of(), 1, 8);
        assertNotEquals(val, indices(Dataset.open(otherSeed, MODEL).val()));
    }

    @Test
    void capsAndPercentages() throws DataException {
        DataSpec spec = new DataSpec(DataSpec.Kind.MNIST, dir, java.util.OptionalInt.of(100), java.util.OptionalInt.of(20), 32,
                new DataPlan.ValSize(10, true), List.of(), List.of(), 1, 7);
        Dataset data = Dataset.open(spec, MODEL);
        assertEquals(List.of(90, 10, 20), List.of(data.train().size(), data.val().size(), data.test().size()));
        assertTrue(indices(data.train()).stream().allMatch(i -> i < 100));
        assertEquals("mnist at " + dir + ": train 90 + val 10 (seed 7) from the first 100 of train (300), test 20 from the first 20 of t10k (50)",
                data.description());
    }

    @Test
    void aLoneTrailingTrainingExampleIsLeftOut() {
        assertEquals(2, BatchLoader.batchCount(65, 32, true));
        assertEquals(3, BatchLoader.batchCount(65, 32, false));
        assertEquals(2, BatchLoader.batchCount(64, 32, true));
        assertEquals(1, BatchLoader.batchCount(33, 32, true));
        assertEquals(2, BatchLoader.batchCount(34, 32, true));
        assertEquals(1, BatchLoader.batchCount(1, 1, true));
    }

    @Test
    void closingStopsTheWorkers() throws Exception {
        Dataset data = Dataset.open(augmented(2), MODEL);
        BatchLoader loader = data.trainBatches(0);
        loader.next();
        assertTrue(dataThreads() > 0);
        loader.close();
        assertFalse(loader.hasNext());
        assertThrows(NoSuchElementException.class, loader::next);
        assertEquals(0, dataThreads());
    }

    private static long dataThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("prune-data-") && t.isAlive()).count();
    }

    private static List<Integer> indices(Split split) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            out.add(split.sourceIndex(i));
        }
        return out;
    }

    private static int[] labelCounts(List<Batch> batches) {
        int[] counts = new int[10];
        batches.forEach(b -> Arrays.stream(b.labels()).forEach(l -> counts[l]++));
        return counts;
    }
}
