package dev.prune.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's ρ and Kendall's τ-b against values worked out by hand (in each test's comment). */
class RankCorrelationTest {

    @Test
    void sameAndOppositeOrder() {
        RankCorrelation.Result same = RankCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {10, 20, 35, 90});
        assertEquals(4, same.n());
        assertEquals(1, same.spearman(), 1e-15);
        assertEquals(1, same.kendall(), 1e-15);
        RankCorrelation.Result opposite = RankCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {0.9, 0.5, 0.4, 0.1});
        assertEquals(-1, opposite.spearman(), 1e-15);
        assertEquals(-1, opposite.kendall(), 1e-15);
    }

    /**
     * No ties: y's ranks are 2, 1, 4, 3, 5; Σd² = 4, so ρ = 1 − 6·4 / (5·24) = 0.8. Of the 10 pairs, (1, 2) and
     * (3, 4) are discordant: τ = (8 − 2) / 10 = 0.6.
     */
    @Test
    void withoutTiesByHand() {
        RankCorrelation.Result r = RankCorrelation.of(new double[] {0.61, 0.62, 0.63, 0.64, 0.65}, new double[] {86.2, 85.9, 87.0, 86.5, 87.3});
        assertEquals(0.8, r.spearman(), 1e-15);
        assertEquals(0.6, r.kendall(), 1e-15);
    }

    /**
     * A tie in x: ranks x = 1, 2.5, 2.5, 4 and y = 1, 3, 2, 4; deviations from 2.5 give Σab = 4.5, Σa² = 4.5, Σb² = 5,
     * so ρ = 4.5 / √22.5 = 3 / √10. The tied pair is neither concordant nor discordant, the other 5 concordant:
     * τ-b = 5 / √((6 − 1)(6 − 0)) = 5 / √30. (The tie-free shortcut would give 1 − 6·0.5 / 60 = 0.95: wrong.)
     */
    @Test
    void aTieSharesTheMeanRank() {
        RankCorrelation.Result r = RankCorrelation.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4});
        assertEquals(3 / Math.sqrt(10), r.spearman(), 1e-15);
        assertEquals(5 / Math.sqrt(30), r.kendall(), 1e-15);
    }

    /** Ties in both: ranks 1.5, 1.5, 3.5, 3.5 against 1.5, 3.5, 1.5, 3.5 are uncorrelated; τ-b: 1 concordant, 1 discordant, 0. */
    @Test
    void tiesInBoth() {
        RankCorrelation.Result r = RankCorrelation.of(new double[] {1, 1, 2, 2}, new double[] {1, 2, 1, 2});
        assertEquals(0, r.spearman(), 1e-15);
        assertEquals(0, r.kendall(), 1e-15);
    }

    @Test
    void averageRanks() {
        assertArrayEquals(new double[] {5, 3, 1, 3, 3}, RankCorrelation.averageRanks(new double[] {30, 20, 10, 20, 20}));
        // 0.1 + 0.2 is 0.30000000000000004: the same accuracy, a last-bit apart, is still a tie.
        assertArrayEquals(new double[] {1.5, 1.5, 3}, RankCorrelation.averageRanks(new double[] {0.1 + 0.2, 0.3, 0.5}));
    }

    @Test
    void undefinedIsNaN() {
        RankCorrelation.Result constant = RankCorrelation.of(new double[] {0.5, 0.5, 0.5}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(constant.spearman()) && Double.isNaN(constant.kendall()));
        RankCorrelation.Result one = RankCorrelation.of(new double[] {0.5}, new double[] {1});
        assertEquals(1, one.n());
        assertTrue(Double.isNaN(one.spearman()) && Double.isNaN(one.kendall()));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
