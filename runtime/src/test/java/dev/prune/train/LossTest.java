package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void crossEntropyWithLabelSmoothingByHand() {
        // Row 0: logits (1, 2, 3), label 2. log-sum-exp = 3 + ln(1 + e^-1 + e^-2) = 3.40760596
        //   -log p = (2.40760596, 1.40760596, 0.40760596); mean = 1.40760596
        //   eps 0.1: 0.9 * 0.40760596 + 0.1 * 1.40760596 = 0.50760596
        // Row 1: logits (0, 0, 0), label 0: every -log p = ln 3 = 1.09861229; smoothed the same.
        // Batch mean: (0.50760596 + 1.09861229) / 2 = 0.80310912; without smoothing (0.40760596 + 1.09861229) / 2 = 0.75310912
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0}).reshape(2, 3);
            NDArray labels = m.create(new long[] {2, 0});
            assertEquals(0.80310912, new Loss(0.1).compute(logits, labels).getFloat(), 1e-6);
            assertEquals(0.75310912, Loss.crossEntropy().compute(logits, labels).getFloat(), 1e-6);
            assertEquals(2, Loss.correct(logits, labels)); // row 0: argmax 2; row 1 ties, argmax takes the first: 0
        }
    }

    @Test
    void largeLogitsGiveAFiniteLoss() {
        // (1000, 0) with label 1: -log p_1 = 1000 exactly (log-sum-exp = 1000 + ln(1 + e^-1000) = 1000).
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1000, 0, -1000, 1000}).reshape(2, 2);
            NDArray labels = m.create(new long[] {1, 1});
            float loss = Loss.crossEntropy().compute(logits, labels).getFloat();
            assertTrue(Float.isFinite(loss));
            assertEquals(500, loss, 1e-3);
        }
    }
}
