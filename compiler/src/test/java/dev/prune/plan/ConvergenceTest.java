package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule of {@code until converged}: the last {@code over} epoch-to-epoch moves of validation top-1 all below delta points. */
class ConvergenceTest {

    private final Convergence rule = new Convergence(0.2, 2);

    @Test
    void needsOverPlusOneEpochs() {
        assertFalse(rule.reached(List.of()));
        assertFalse(rule.reached(List.of(0.80)));
        assertFalse(rule.reached(List.of(0.80, 0.80)), "one move measured, two needed");
        assertTrue(rule.reached(List.of(0.80, 0.80, 0.80)));
    }

    @Test
    void everyOneOfTheLastMovesCounts() {
        assertTrue(rule.reached(List.of(0.50, 0.86, 0.861, 0.862)), "0.1 and 0.1 points: converged, whatever came before");
        assertFalse(rule.reached(List.of(0.86, 0.865, 0.866)), "0.5 points, then 0.1: the earlier move is too large");
        assertFalse(rule.reached(List.of(0.86, 0.861, 0.866)), "the last move is 0.5 points");
        assertFalse(rule.reached(List.of(0.866, 0.861, 0.862)), "a drop is a move too");
        assertFalse(rule.reached(List.of(0.86, 0.862, 0.864)), "exactly 0.2 points is not below 0.2");
    }

    @Test
    void zeroNeverStopsAndAHundredAlwaysDoes() {
        assertFalse(new Convergence(0, 1).reached(List.of(0.5, 0.5, 0.5, 0.5)));
        assertTrue(new Convergence(100, 1).reached(List.of(0.1, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> new Convergence(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Convergence(0.2, 0));
    }
}
