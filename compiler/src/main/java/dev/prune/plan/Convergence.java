package dev.prune.plan;

import java.util.List;

/**
 * {@code until converged(delta: 0.2, over: 2 epochs)}: a training stage stops once validation top-1 has moved
 * less than {@code deltaPoints} points (absolute, up or down) in each of its last {@code overEpochs}
 * epoch-to-epoch moves. That takes {@code overEpochs + 1} measured epochs at least; the stage's length stays
 * the most it trains.
 *
 * @param deltaPoints the largest move that counts as converged, in points of top-1 (0-100); 0 never stops
 * @param overEpochs  how many consecutive moves must all be smaller, at least 1
 */
public record Convergence(double deltaPoints, int overEpochs) {

    public Convergence {
        if (!(deltaPoints >= 0) || overEpochs < 1) {
            throw new IllegalArgumentException("converged needs delta >= 0 and over >= 1 epoch, not " + deltaPoints + ", " + overEpochs);
        }
    }

    /** Whether a stage whose validation top-1 (fractions in [0, 1], one per epoch in order) is {@code curve} has converged. */
    public boolean reached(List<Double> curve) {
        int n = curve.size();
        if (n < overEpochs + 1) {
            return false;
        }
        for (int k = n - overEpochs; k < n; k++) {
            if (!(100 * Math.abs(curve.get(k) - curve.get(k - 1)) < deltaPoints)) {
                return false;
            }
        }
        return true;
    }
}
