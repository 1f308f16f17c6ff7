package dev.prune.stats;

/**
 * The mean of n values with its two-sided Student-t confidence interval: mean ± t(1 - α/2, n - 1) · s / √n,
 * where s is the sample standard deviation (divisor n - 1). For paired differences this is the paired
 * t-interval; it assumes the differences are roughly normal, which the Wilcoxon test beside it does not.
 */
public record MeanInterval(int n, double mean, double sd, double standardError, double confidence, double t, double low,
        double high) {

    /** The interval of {@code values} at {@code confidence} (e.g. 0.95); needs at least two values. */
    public static MeanInterval of(double[] values, double confidence) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("an interval needs at least 2 values, got " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double se = sd / Math.sqrt(n);
        double t = StudentT.quantile(0.5 + confidence / 2, n - 1);
        return new MeanInterval(n, mean, sd, se, confidence, t, mean - t * se, mean + t * se);
    }

    /** Whether the whole interval lies above zero. */
    public boolean above(double value) {
        return low > value;
    }
}
