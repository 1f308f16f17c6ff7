package dev.prune.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignedRankTestTest {

    /** Three positive differences: W+ = 6, the largest of 8 equally likely sums; p = 2 · 1/8. */
    @Test
    void allPositiveByHand() {
        SignedRankTest.Result r = SignedRankTest.test(new double[] {1, 2, 3});
        assertEquals(6, r.wPlus());
        assertEquals(0, r.wMinus());
        assertEquals(0.25, r.p(), 1e-15);
    }

    /** Six seeds all one way is the strongest evidence six pairs can give: 2 / 64. */
    @Test
    void sixPairsCannotGoBelowTwoIn64() {
        assertEquals(0.03125, SignedRankTest.test(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}).p(), 1e-15);
        assertEquals(0.03125, SignedRankTest.test(new double[] {-0.1, -0.2, -0.3, -0.4, -0.5, -0.6}).p(), 1e-15);
    }

    /** Reference p-values without ties or zeros: scipy.stats.wilcoxon(d, method="exact"). */
    @Test
    void agreesWithScipyWithoutTies() {
        double[] hollander = {1.83 - 0.878, 0.50 - 0.647, 1.62 - 0.598, 2.48 - 2.05, 1.68 - 1.06, 1.88 - 1.29, 1.55 - 1.06,
                3.06 - 3.14, 1.30 - 1.29};
        SignedRankTest.Result r = SignedRankTest.test(hollander);
        assertEquals(5, r.wMinus());
        assertEquals(0.0390625, r.p(), 1e-15);
        assertEquals(0.0625, SignedRankTest.test(new double[] {0.3, -0.1, 0.5, 0.7, 0.2, 0.4}).p(), 1e-15);
        // The four architectures' single-seed UPDP − direct differences (issue 11): four of four negative.
        assertEquals(0.125, SignedRankTest.test(new double[] {-0.44, -0.16, -0.02, -0.61}).p(), 1e-15);
        assertEquals(0.00927734375, SignedRankTest.test(new double[] {0.5, 0.9, -0.2, 1.1, 0.7, 0.3, -0.4, 0.8, 1.5, 0.6, 1.2, -0.1}).p(),
                1e-14);
    }

    /**
     * Ties and zeros, against a brute-force enumeration of all 2^n sign patterns over the mid-ranks (exact
     * fractions): zeros dropped, tied |differences| share their mean rank.
     */
    @Test
    void tiesAndZerosAgainstEnumeration() {
        SignedRankTest.Result r = SignedRankTest.test(new double[] {1, -1, 2, 2, 0, 3, -2, 4});
        assertEquals(8, r.n());
        assertEquals(7, r.used());
        assertEquals(22.5, r.wPlus());
        assertEquals(13.0 / 64, r.p(), 1e-15);
        SignedRankTest.Result halves = SignedRankTest.test(new double[] {0.5, 0.5, 0.5, -0.5, 1.0, 1.0, 0, 0});
        assertEquals(6, halves.used());
        assertEquals(18.5, halves.wPlus());
        assertEquals(5.0 / 32, halves.p(), 1e-15);
        assertEquals(7.0 / 32, SignedRankTest.test(new double[] {3, 3, 3, 3, 3, -3}).p(), 1e-15);
    }

    /** Differences of accuracies equal in their counts can differ in the last bit: still a tie, still a zero. */
    @Test
    void roundingDoesNotBreakATie() {
        double a = 0.8612 - 0.8654;
        double b = 0.1612 - 0.1654;
        assertArrayEquals(new int[] {3, 3}, SignedRankTest.doubledMidRanks(new double[] {a, b}, 1e-9 * 0.0042));
        SignedRankTest.Result r = SignedRankTest.test(new double[] {0.3 - 0.1 - 0.2, 1});
        assertEquals(1, r.used());
    }

    @Test
    void noDifferenceAtAllIsNoEvidence() {
        SignedRankTest.Result r = SignedRankTest.test(new double[] {0, 0, 0});
        assertEquals(0, r.used());
        assertEquals(1, r.p());
    }
}
