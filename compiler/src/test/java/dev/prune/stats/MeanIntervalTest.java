package dev.prune.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    /** Six paired differences (points of top-1); reference: numpy mean, scipy.stats.sem and t.ppf(0.975, 5). */
    @Test
    void sixSeedsGiveThePairedTInterval() {
        MeanInterval interval = MeanInterval.of(new double[] {0.20, 0.35, -0.10, 0.45, 0.05, 0.30}, 0.95);
        assertEquals(6, interval.n());
        assertEquals(0.20833333333333337, interval.mean(), 1e-12);
        assertEquals(0.2035108514715288, interval.sd(), 1e-12);
        assertEquals(-0.005238207387757543, interval.low(), 1e-9);
        assertEquals(0.4219048740544243, interval.high(), 1e-9);
        assertFalse(interval.above(0), "the interval reaches below zero");
    }

    /** By hand: 1, 2, 3 has mean 2, s = 1, se = 1/√3, t(0.975, 2) = 4.303: 2 ± 2.484. */
    @Test
    void threeValuesByHand() {
        MeanInterval interval = MeanInterval.of(new double[] {1, 2, 3}, 0.95);
        assertEquals(2, interval.mean(), 1e-12);
        assertEquals(1, interval.sd(), 1e-12);
        assertEquals(2 - 4.3027 / Math.sqrt(3), interval.low(), 1e-4);
        assertTrue(interval.above(-0.5));
    }

    @Test
    void pairedDifferencesAreTakenInOrder() {
        assertArrayEquals(new double[] {1, -1, 0}, Paired.differences(new double[] {3, 2, 5}, new double[] {2, 3, 5}), 0);
        assertThrows(IllegalArgumentException.class, () -> Paired.differences(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void oneValueHasNoInterval() {
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1}, 0.95));
    }
}
