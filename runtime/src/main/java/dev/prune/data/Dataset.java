package dev.prune.data;

import java.util.Arrays;
import java.util.List;

/**
 * A recipe's data, opened and checked: the training, validation and test splits, the pipeline that turns
 * files into model inputs, and a line saying what was used. Everything that can be wrong with the files
 * is found by {@link #open}, before training starts.
 *
 * <pre>{@code
 * Dataset data = Dataset.open(DataSpec.from(plan.shared()), ModelInput.from(plan.shared()));
 * log.info(data.description());
 * BatchArrays arrays = new BatchArrays();
 * try (BatchLoader loader = data.trainBatches(epoch)) {
 *     while (loader.hasNext()) {
 *         Batch batch = loader.next();
 *         try (NDManager step = manager.newSubManager()) {
 *             NDList xy = arrays.toArrays(batch, step);   // [N, C, H, W] float32, [N] int64
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Dataset {

    private final DataSpec spec;
    private final Pipeline pipeline;
    private final List<String> classes;
    private final Split train;
    private final Split val;
    private final Split test;
    private final String description;

    private Dataset(DataSpec spec, Pipeline pipeline, List<String> classes, Split train, Split val, Split test, String description) {
        this.spec = spec;
        this.pipeline = pipeline;
        this.classes = classes;
        this.train = train;
        this.val = val;
        this.test = test;
        this.description = description;
    }

    /**
     * Reads and checks the dataset a spec names, for a model with this input and class count.
     *
     * @throws DataException naming the file and the reason when the data is missing, corrupt, or does not fit the model
     */
    public static Dataset open(DataSpec spec, ModelInput model) throws DataException {
        Pipeline pipeline = Pipeline.of(spec, model);
        Pools pools = switch (spec.kind()) {
            case FASHION_MNIST, MNIST -> IdxFolder.read(spec.path(), model, pipeline);
            case IMAGE_FOLDER -> ImageFolder.read(spec.path(), model, pipeline);
        };
        Split pool = spec.maxTrain().isPresent() ? pools.trainPool().first(spec.maxTrain().getAsInt()) : pools.trainPool();
        Split test = spec.maxTest().isPresent() ? pools.test().first(spec.maxTest().getAsInt()) : pools.test();
        int valCount = spec.val().of(pool.size());
        if (valCount >= pool.size()) {
            throw new DataException(spec.path(), "val " + spec.val() + " leaves no training examples: the training pool has " + pool.size());
        }
        // The held-out examples are a random sample fixed by the seed, so that a sorted dataset (all
        // of class 0 first) still gives a validation split with every class.
        int[] shuffled = Seeds.permutation(pool.size(), Seeds.random(spec.seed(), Seeds.Purpose.VAL_SPLIT));
        int[] valPositions = Arrays.copyOfRange(shuffled, 0, valCount);
        int[] trainPositions = Arrays.copyOfRange(shuffled, valCount, shuffled.length);
        Arrays.sort(valPositions);
        Arrays.sort(trainPositions);
        Split trainSplit = pool.pick("train", trainPositions);
        Split valSplit = pool.pick("val", valPositions);
        String capped = spec.maxTrain().isPresent() && pools.trainPool().size() > pool.size() ? "the first " + pool.size() + " of " : "";
        String testCapped = spec.maxTest().isPresent() && pools.test().size() > test.size() ? "the first " + test.size() + " of " : "";
        String description = String.format("%s at %s: train %d + val %d (seed %d) from %s%s, test %d from %s%s", spec.kind().id(),
                spec.path(), trainSplit.size(), valSplit.size(), spec.seed(), capped, pools.trainFrom(), test.size(), testCapped,
                pools.testFrom());
        return new Dataset(spec, pipeline, pools.classes(), trainSplit, valSplit, test, description);
    }

    /** One line for the run's log: which files, which split sizes. */
    public String description() {
        return description;
    }

    /** Class names by label: the folder names of an image folder, "0".."9" for IDX. */
    public List<String> classes() {
        return classes;
    }

    public Split train() {
        return train;
    }

    public Split val() {
        return val;
    }

    public Split test() {
        return test;
    }

    public DataSpec spec() {
        return spec;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The training split for one epoch: shuffled and augmented as (seed, epoch) say. */
    public BatchLoader trainBatches(int epoch) {
        return trainBatches(epoch, spec.seed());
    }

    /** The training split for one epoch of a stage with a seed of its own. */
    public BatchLoader trainBatches(int epoch, long seed) {
        return BatchLoader.training(train, pipeline, spec.batch(), spec.workers(), seed, epoch);
    }

    /** Examples in the validation split. */
    public int valSize() {
        return val.size();
    }

    /** The training split in order and without augmentation: what a search scores on with {@code score ... on train}. */
    public BatchLoader trainInOrder() {
        return BatchLoader.evaluation(train, pipeline, spec.batch(), spec.workers());
    }

    public BatchLoader valBatches() {
        return BatchLoader.evaluation(val, pipeline, spec.batch(), spec.workers());
    }

    public BatchLoader testBatches() {
        return BatchLoader.evaluation(test, pipeline, spec.batch(), spec.workers());
    }

    /** Training steps in one epoch, for schedules given in epochs. */
    public int trainBatchesPerEpoch() {
        return BatchLoader.batchCount(train.size(), spec.batch(), true);
    }
}
