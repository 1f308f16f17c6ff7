package dev.prune.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class McNemarTestTest {

    /** By hand: b = 1, c = 5 of n = 6 discordant; P(X ≤ 1) = (1 + 6) / 64; p = 14 / 64. */
    @Test
    void smallCountsByHand() {
        assertEquals(14.0 / 64, McNemarTest.twoSided(1, 5), 1e-15);
        assertEquals(14.0 / 64, McNemarTest.twoSided(5, 1), 1e-15);
        assertEquals(2.0 / 64, McNemarTest.twoSided(0, 6), 1e-15);
        assertEquals(1, McNemarTest.twoSided(7, 7));
        assertEquals(1, McNemarTest.twoSided(0, 0));
    }

    /** Reference: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue. */
    @Test
    void agreesWithTheExactBinomialTest() {
        assertEquals(0.09873714670538905, McNemarTest.twoSided(10, 20), 1e-13);
        assertEquals(0.012032975725363479, McNemarTest.twoSided(37, 63), 1e-13);
        assertEquals(0.05104022312914801, McNemarTest.twoSided(180, 220), 1e-12);
        assertEquals(0.011050481081929901, McNemarTest.twoSided(300, 240), 1e-12);
    }

    /** Thousands of discordant examples neither underflow nor overflow. */
    @Test
    void largeCountsStayFinite() {
        double p = McNemarTest.twoSided(4900, 5100);
        assertEquals(true, p > 0.04 && p < 0.06, "about two standard errors apart: p = " + p);
        assertEquals(1, McNemarTest.twoSided(5000, 5000));
    }

    @Test
    void countsComeFromPerExampleCorrectness() {
        boolean[] a = {true, true, true, false, false, true, true};
        boolean[] b = {true, false, false, true, false, true, false};
        McNemarTest.Result r = McNemarTest.test(a, b);
        assertEquals(7, r.n());
        assertEquals(2, r.both());
        assertEquals(3, r.b());
        assertEquals(1, r.c());
        assertEquals(McNemarTest.twoSided(3, 1), r.p());
        assertThrows(IllegalArgumentException.class, () -> McNemarTest.test(new boolean[2], new boolean[3]));
    }
}
