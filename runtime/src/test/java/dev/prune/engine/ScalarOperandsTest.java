package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through a scalar operand stay right when the garbage collector runs between forward and backward, and
 * freed native memory is reused. With DJL's {@code mul(Number)}, about half of these steps read a freed scalar (the
 * cause of the NaN gradients in the middle of UPDP's λ ramp and of a crash inside {@code torchBackward}); the
 * kernels use {@link Scalars} instead. Each step forces a collection and then fills freshly allocated native
 * memory with 1e30, so that a freed scalar, if there were one, would be overwritten.
 */
class ScalarOperandsTest {

    private static final int STEPS = 100;

    /** How many of {@link #STEPS} backward passes gave d(sum f(x))/dx other than {@code expected} at x = 1. */
    private static int wrongGradients(UnaryOperator<NDArray> f, float expected) {
        int wrong = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < STEPS; i++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.ones(new Shape(4));
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = f.apply(x);
                        System.gc();
                        List<ByteBuffer> reuse = new ArrayList<>();
                        for (int k = 0; k < 2000; k++) {
                            reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1e30f));
                        }
                        collector.backward(y.sum());
                        if (x.getGradient().toFloatArray()[0] != expected) {
                            wrong++;
                        }
                    }
                }
            }
        }
        return wrong;
    }

    @Test
    void aBlendBetweenTwoBranchesDifferentiatesThroughItsLambda() {
        // BLEND(a, b) = a + λ·(b − a) with a = x and b = 3x: d/dx = 1 + 2λ = 1.5 at λ = 0.25.
        assertEquals(0, wrongGradients(x -> x.add(Scalars.times(x.mul(x.getManager().full(new Shape(), 3f)).sub(x), 0.25f)), 1.5f));
    }

    @Test
    void scalarsMadeHereOutliveTheBackwardPass() {
        assertEquals(0, wrongGradients(x -> Scalars.times(x, 0.5f), 0.5f));
    }
}
