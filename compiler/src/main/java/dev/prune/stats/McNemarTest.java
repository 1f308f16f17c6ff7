package dev.prune.stats;

/**
 * The exact McNemar test of two classifiers on the same examples: only the discordant examples count
 * (b: A right and B wrong; c: A wrong and B right), and under the null hypothesis each discordant example
 * falls either way with probability 1/2, so b ~ Binomial(b + c, 1/2). Two-sided:
 * p = min(1, 2 · P(X ≤ min(b, c))). The binomial sum is taken in logarithms, so that the thousands of
 * examples of a test split neither underflow nor lose precision.
 */
public final class McNemarTest {

    private McNemarTest() {
    }

    /**
     * @param n     examples compared
     * @param both  examples both got right
     * @param b     examples A got right and B wrong
     * @param c     examples A got wrong and B right
     * @param p     the exact two-sided p-value (1 when no example is discordant)
     */
    public record Result(int n, int both, int b, int c, double p) {
    }

    /** From per-example correctness of A and of B, in the same example order. */
    public static Result test(boolean[] aCorrect, boolean[] bCorrect) {
        if (aCorrect.length != bCorrect.length) {
            throw new IllegalArgumentException("the two classifiers were scored on different numbers of examples: "
                    + aCorrect.length + " and " + bCorrect.length);
        }
        int both = 0;
        int b = 0;
        int c = 0;
        for (int i = 0; i < aCorrect.length; i++) {
            if (aCorrect[i] && bCorrect[i]) {
                both++;
            } else if (aCorrect[i]) {
                b++;
            } else if (bCorrect[i]) {
                c++;
            }
        }
        return new Result(aCorrect.length, both, b, c, twoSided(b, c));
    }

    /** The two-sided exact p-value of b against c discordant examples. */
    public static double twoSided(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + b + ", " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        int k = Math.min(b, c);
        // log P(X = i) = log C(n, i) - n log 2, built up term by term; then a log-sum-exp of i = 0..k.
        double[] logs = new double[k + 1];
        double log = -n * Math.log(2);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                log += Math.log((double) (n - i + 1) / i);
            }
            logs[i] = log;
            max = Math.max(max, log);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1, 2 * Math.exp(max + Math.log(sum)));
    }
}
