package dev.prune.spark;

import dev.prune.run.CellExecutor;
import dev.prune.run.RunFailure;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * An experiment's cells as Spark tasks, one task per cell. A task receives the spec's text and the cell's name
 * (a few kilobytes, no broadcast), plans the grid again, checks that the cell's stage keys are the driver's,
 * and runs the cell in a scratch folder against the shared store (see {@link CellTask}). A task whose executor
 * dies is run again by Spark; its stages reach the store whole or not at all, so a retry starts from the
 * last stage the killed attempt published.
 */
final class SparkCellExecutor implements CellExecutor {

    private final JavaSparkContext spark;
    private final boolean ownsContext;
    private final Grid grid;
    private final String haltForTest;

    SparkCellExecutor(JavaSparkContext spark, boolean ownsContext, Grid grid, String haltForTest) {
        this.spark = spark;
        this.ownsContext = ownsContext;
        this.grid = grid;
        this.haltForTest = haltForTest;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void compute(List<Cell> cells) throws RunFailure {
        List<CellTask.Input> inputs = new ArrayList<>();
        for (Cell cell : cells) {
            inputs.add(new CellTask.Input(cell.folder(), cell.stageKeys()));
        }
        List<String> done;
        try {
            done = spark.parallelize(inputs, inputs.size()).map(new CellTask(grid, haltForTest)).collect();
        } catch (Exception e) {
            // A job that failed after Spark's retries (SparkException, which Java does not see declared).
            throw new RunFailure("the cells as Spark tasks failed: " + e.getMessage(), e);
        }
        if (done.size() != cells.size()) {
            throw new RunFailure("Spark returned " + done.size() + " cells of " + cells.size());
        }
    }

    @Override
    public String describe() {
        return "as Spark tasks on " + spark.master() + " (" + spark.defaultParallelism() + " at a time)";
    }

    @Override
    public void close() {
        if (ownsContext) {
            spark.stop();
        }
    }
}
