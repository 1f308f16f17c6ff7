package dev.prune.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Wilcoxon signed-rank test of paired differences against a centre of zero, two-sided, with its exact
 * null distribution.
 *
 * <ul>
 *   <li><b>Zeros</b> are dropped before ranking (Wilcoxon's own rule, scipy's {@code zero_method="wilcox"}):
 *       a pair that did not differ says nothing about the direction. {@link Result#used()} tells how many
 *       pairs were left.</li>
 *   <li><b>Ties</b> in |difference| share the mean of their ranks (mid-ranks).</li>
 *   <li><b>Exact p-value, ties included.</b> Under the null hypothesis each difference is as likely positive
 *       as negative, so W+ (the sum of the positive differences' ranks) is the sum of a random half of the
 *       given ranks. Mid-ranks are multiples of 1/2, so the doubled ranks are whole numbers and the
 *       distribution of W+ is counted exactly over all 2^n sign patterns by a convolution over sums, for
 *       these very ranks (the tied ones included), rather than read from a tie-free table or a normal
 *       approximation. It is held as probabilities in doubles: exact up to rounding.</li>
 *   <li><b>Two-sided</b>: p = min(1, 2 · min(P(W+ ≤ w), P(W+ ≥ w))).</li>
 * </ul>
 *
 * <p>Two differences count as equal (a tie, or a zero) when they differ by less than
 * {@link #TOLERANCE} times the largest |difference|: differences of accuracies computed in floating point
 * can differ in the last bit when the counts behind them are equal.
 *
 * <p>With n pairs the smallest possible p is 2 / 2^n: 6 seeds cannot go below 0.03125.
 */
public final class SignedRankTest {

    /** Relative tolerance below which two |differences| are the same number. */
    public static final double TOLERANCE = 1e-9;

    private SignedRankTest() {
    }

    /**
     * @param n           pairs given
     * @param used        pairs left after dropping zeros
     * @param wPlus       sum of the ranks of the positive differences
     * @param wMinus      sum of the ranks of the negative differences
     * @param p           the exact two-sided p-value (1 when no pair is left)
     */
    public record Result(int n, int used, double wPlus, double wMinus, double p) {
    }

    public static Result test(double[] differences) {
        int n = differences.length;
        double scale = 0;
        for (double d : differences) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a difference is not a finite number: " + d);
            }
            scale = Math.max(scale, Math.abs(d));
        }
        double tolerance = TOLERANCE * scale;
        double[] kept = Arrays.stream(differences).filter(d -> Math.abs(d) > tolerance).toArray();
        int m = kept.length;
        if (m == 0) {
            return new Result(n, 0, 0, 0, 1);
        }
        int[] doubledRanks = doubledMidRanks(kept, tolerance);
        int wPlus2 = 0;
        int total2 = 0;
        for (int i = 0; i < m; i++) {
            total2 += doubledRanks[i];
            if (kept[i] > 0) {
                wPlus2 += doubledRanks[i];
            }
        }
        double[] distribution = nullDistribution(doubledRanks, total2);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= total2; s++) {
            if (s <= wPlus2) {
                lower += distribution[s];
            }
            if (s >= wPlus2) {
                upper += distribution[s];
            }
        }
        double p = Math.min(1, 2 * Math.min(lower, upper));
        return new Result(n, m, wPlus2 / 2.0, (total2 - wPlus2) / 2.0, p);
    }

    /** Twice the mid-rank of each |value| (1-based ranks, ties averaged), in the input's order. */
    static int[] doubledMidRanks(double[] values, double tolerance) {
        int m = values.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(values[i])));
        int[] ranks = new int[m];
        int start = 0;
        while (start < m) {
            int end = start;
            while (end + 1 < m && Math.abs(values[order[end + 1]]) - Math.abs(values[order[start]]) <= tolerance) {
                end++;
            }
            // ranks start+1 .. end+1 share their mean; doubled: (start + 1) + (end + 1)
            int doubled = start + end + 2;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = doubled;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** P(2·W+ = s) for s = 0 .. total, each rank's sign independently + or - with probability 1/2. */
    private static double[] nullDistribution(int[] doubledRanks, int total) {
        double[] p = new double[total + 1];
        p[0] = 1;
        int reach = 0;
        for (int r : doubledRanks) {
            reach += r;
            for (int s = reach; s >= 0; s--) {
                double without = p[s];
                double with = s >= r ? p[s - r] : 0;
                p[s] = 0.5 * (without + with);
            }
        }
        return p;
    }
}
