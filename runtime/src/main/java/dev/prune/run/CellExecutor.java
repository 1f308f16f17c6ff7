package dev.prune.run;

import dev.prune.lang.Source;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an experiment's cells compute. {@link #LOCAL}: nowhere ahead; the runner's walk over the grid computes
 * every stage in this process. A remote executor ({@code executor spark(...)}, found through {@link Provider})
 * is handed the cells once the stages several cells share are finished and in the shared store; it computes
 * each cell elsewhere with {@link ExperimentRunner#runCell}, which publishes the cell's stages to the store,
 * and the walk then fetches them, so the grid's folders and its report are those of a local run.
 */
public interface CellExecutor extends AutoCloseable {

    /** A cell to compute: its folder under {@code cells/} (which names it in the grid) and its stages' keys. */
    record Cell(String folder, List<String> stageKeys) {

        public Cell {
            stageKeys = List.copyOf(stageKeys);
        }
    }

    /**
     * What a remote executor needs to plan the grid again in another process: the spec (named by its absolute
     * path, so that its imports resolve anywhere the file system is shared), the folders its imports may read,
     * the experiment's name, and the store every process reaches.
     */
    record Grid(Source spec, List<Path> allowImports, String experiment, String store) {

        public Grid {
            allowImports = List.copyOf(allowImports);
        }
    }

    CellExecutor LOCAL = new CellExecutor() {
        @Override
        public boolean remote() {
            return false;
        }

        @Override
        public void compute(List<Cell> cells) {
            throw new UnsupportedOperationException("the local executor computes cells in the runner's walk");
        }

        @Override
        public String describe() {
            return "in this process";
        }
    };

    /** Whether cells compute elsewhere; then the run needs a shared store. */
    boolean remote();

    /** Computes {@code cells}, each in a process of its own choosing; returns when all are in the store. */
    void compute(List<Cell> cells) throws RunFailure;

    String describe();

    @Override
    default void close() {
    }

    /** Opens a remote executor; the Spark module provides one. */
    interface Provider {

        String executor();

        CellExecutor open(String master, Grid grid);

        /** The provider for {@code executor}, or an error a user can act on. */
        static Provider find(String executor) {
            return dev.prune.search.DistributedEvaluators.find(Provider.class, Provider::executor, executor);
        }
    }
}
