package dev.prune.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well one measurement orders things as another does: Spearman's ρ and Kendall's τ-b between paired values
 * x and y (for the experiment: each trained set's search score and its final test top-1).
 *
 * <ul>
 *   <li><b>Spearman's ρ</b> is Pearson's correlation of the ranks. Tied values share the mean of their ranks
 *       (average ranks), and ρ is computed from those ranks directly, not from the tie-free shortcut
 *       1 − 6 Σd² / (n(n² − 1)), which is wrong with ties.</li>
 *   <li><b>Kendall's τ-b</b> = (concordant − discordant) / √((n₀ − t_x)(n₀ − t_y)), n₀ = n(n − 1)/2 pairs, t_x and
 *       t_y the pairs tied in x and in y; a pair tied in either counts as neither concordant nor discordant.</li>
 *   <li>Either is NaN when it is undefined: fewer than two values, or every x (or every y) the same.</li>
 * </ul>
 *
 * <p>Two values count as tied when they differ by less than {@link #TOLERANCE} times the larger magnitude in
 * their list: accuracies equal in their counts can differ in the last bit once averaged in another order.
 */
public final class RankCorrelation {

    /** Relative tolerance below which two values are the same number. */
    public static final double TOLERANCE = 1e-9;

    private RankCorrelation() {
    }

    /**
     * @param n        pairs
     * @param spearman Spearman's ρ of the average ranks, NaN when undefined
     * @param kendall  Kendall's τ-b, NaN when undefined
     */
    public record Result(int n, double spearman, double kendall) {
    }

    public static Result of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired values need lists of one length, got " + x.length + " and " + y.length);
        }
        for (double v : x) {
            requireFinite(v);
        }
        for (double v : y) {
            requireFinite(v);
        }
        int n = x.length;
        if (n < 2) {
            return new Result(n, Double.NaN, Double.NaN);
        }
        return new Result(n, pearson(averageRanks(x), averageRanks(y)), kendallTauB(x, y));
    }

    /** The 1-based ranks of {@code values}, tied values (within the tolerance) sharing the mean of their ranks. */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        double tolerance = tolerance(values);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            // A run of ties: every value within the tolerance of the run's first (sorted, so of its smallest).
            while (end < n && values[order[end]] - values[order[start]] <= tolerance) {
                end++;
            }
            double mean = (start + 1 + end) / 2.0; // the mean of the ranks start+1 .. end
            for (int k = start; k < end; k++) {
                ranks[order[k]] = mean;
            }
            start = end;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double meanA = Arrays.stream(a).sum() / n;
        double meanB = Arrays.stream(b).sum() / n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }

    private static double kendallTauB(double[] x, double[] y) {
        int n = x.length;
        double tx = tolerance(x);
        double ty = tolerance(y);
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = sign(x[j] - x[i], tx);
                int sy = sign(y[j] - y[i], ty);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    private static int sign(double difference, double tolerance) {
        return Math.abs(difference) <= tolerance ? 0 : difference > 0 ? 1 : -1;
    }

    private static double tolerance(double[] values) {
        double scale = 0;
        for (double v : values) {
            scale = Math.max(scale, Math.abs(v));
        }
        return TOLERANCE * scale;
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a value is not a finite number: " + v);
        }
    }
}
