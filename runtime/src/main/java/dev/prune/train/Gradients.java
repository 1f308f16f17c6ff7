package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.prune.engine.GraphModule;
import java.util.List;
import java.util.Optional;

/**
 * What a training step does to the gradients between backward and the optimizer: their global norm,
 * clipping, finding a non-finite one, and zeroing.
 *
 * <p>Two facts about DJL's PyTorch engine shape this class (both checked by {@code GradientsTest}):
 * <ul>
 * <li>PyTorch accumulates into {@code .grad}, and closing a {@code GradientCollector} zeroes nothing.
 * {@code PtGradientCollector.zeroGradients()} walks only the system manager's own arrays and computes
 * {@code g − g}, which stays NaN once a gradient is NaN. So the loop zeroes every trainable parameter
 * itself, through PyTorch's {@code zero_}, after every step, whatever happened in it.</li>
 * <li>{@code getGradient()} returns a new handle to the same storage each call, attached to the parameter's
 * manager. Each handle is moved into the step's manager so that it is freed with the step; closing a
 * handle leaves the gradient itself alone, and in-place operations on it change the parameter's gradient.</li>
 * </ul>
 */
public final class Gradients {

    private Gradients() {
    }

    /** {@code √Σ‖g‖²} over every trainable parameter; NaN or infinite if any gradient is. One sync. */
    public static double globalNorm(GraphModule module, NDManager step) {
        NDArray sum = null;
        for (String name : module.trainableNames()) {
            NDArray squares = gradient(module, name, step).square().sum();
            sum = sum == null ? squares : sum.add(squares);
        }
        return sum == null ? 0 : Math.sqrt(sum.getFloat());
    }

    /**
     * Scales every gradient so that the global norm is at most {@code maxNorm}, as PyTorch's
     * {@code clip_grad_norm_}: by {@code maxNorm / (norm + 1e-6)} when the norm exceeds the bound.
     *
     * @return whether the gradients were scaled
     */
    public static boolean clip(GraphModule module, double norm, double maxNorm, NDManager step) {
        if (norm <= maxNorm) {
            return false;
        }
        float scale = (float) (maxNorm / (norm + 1e-6));
        for (String name : module.trainableNames()) {
            gradient(module, name, step).muli(scale);
        }
        return true;
    }

    /** The first trainable parameter whose gradient holds a NaN or an infinity, with which. */
    public static Optional<String> firstNonFinite(GraphModule module, NDManager step) {
        for (String name : module.trainableNames()) {
            NDArray g = gradient(module, name, step);
            boolean nan = g.isNaN().any().getBoolean();
            boolean inf = g.isInfinite().any().getBoolean();
            if (nan || inf) {
                return Optional.of("the gradient of " + name + " holds " + (nan && inf ? "NaN and Inf" : nan ? "NaN" : "Inf"));
            }
        }
        return Optional.empty();
    }

    /** Sets every trainable parameter's gradient to 0 in place ({@code zero_} also clears a NaN). */
    public static void zero(GraphModule module) {
        for (String name : module.trainableNames()) {
            JniUtils.zeroGrad((PtNDArray) module.array(name));
        }
    }

    /** The gradients, in the trainable order; each handle freed with {@code step}. */
    public static List<NDArray> of(GraphModule module, NDManager step) {
        return module.trainableNames().stream().map(name -> gradient(module, name, step)).toList();
    }

    private static NDArray gradient(GraphModule module, String name, NDManager step) {
        NDArray gradient = module.array(name).getGradient();
        gradient.attach(step);
        return gradient;
    }
}
