package dev.prune.report;

import java.util.List;

/**
 * A training stage's resident memory, sampled at each epoch's end. The peak is the largest sample: an upper
 * bound of what the stage needed only as far as the epoch ends are representative, which they are for a
 * steady training loop.
 */
public record RssTrace(List<Double> afterEpochMb) {

    public RssTrace {
        afterEpochMb = List.copyOf(afterEpochMb);
    }

    /** The largest sample; 0 with no samples. */
    public double peakMb() {
        return afterEpochMb.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
