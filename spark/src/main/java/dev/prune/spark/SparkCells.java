package dev.prune.spark;

import dev.prune.run.CellExecutor;

/** {@code executor spark("MASTER")} for an experiment's cells: found by the runtime through {@link java.util.ServiceLoader}. */
public final class SparkCells implements CellExecutor.Provider {

    /**
     * Test-only fault injection: {@code CELL|TEXT|MARKER} halts the executor JVM running cell {@code CELL} when its
     * run prints a line containing {@code TEXT}, once (the marker file, created first, says it happened).
     */
    public static final String HALT_PROPERTY = "prune.spark.test.haltCell";

    @Override
    public String executor() {
        return "spark";
    }

    @Override
    public CellExecutor open(String master, CellExecutor.Grid grid) {
        boolean submitted = System.getProperty("spark.master") != null;
        boolean owns = !submitted && !SparkEvaluators.running();
        return new SparkCellExecutor(SparkEvaluators.context(master), owns, grid, System.getProperty(HALT_PROPERTY));
    }
}
