package dev.prune.search;

/**
 * An upper bound on the pruned model: {@code macs <= 0.8 x baseline} is {@code Budget(MACS, 0.8, true)}.
 * Latency bounds are checked by the caller, which can measure; MACs and parameters are checked here.
 */
public record Budget(Metric metric, double ratio, boolean inclusive) {

    public enum Metric { MACS, PARAMS }

    public boolean admits(long value, long baseline) {
        double limit = ratio * baseline;
        return inclusive ? value <= limit : value < limit;
    }
}
