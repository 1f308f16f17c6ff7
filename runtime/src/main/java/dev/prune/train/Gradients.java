package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
 * <p>Two facts about DJL's PyTorch engine shape this class (the first is checked by {@code EpochLoopTest}):
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

    /**
     * {@code √Σ‖g‖²} over every trainable parameter; NaN or infinite if any gradient is. One sync.
     *
     * <p>Computed as the norm of the per-parameter norms ({@code ‖(‖g₁‖, …, ‖gₙ‖)‖ = √Σ‖gᵢ‖²}): one native
     * reduction per parameter and two at the end, where squaring, summing and accumulating each gradient
     * took three, and the training loop calls this every step.
     */
    public static double globalNorm(GraphModule module, NDManager step) {
        List<String> names = module.trainableNames();
        if (names.isEmpty()) {
            return 0;
        }
        NDList norms = new NDList(names.size());
        for (String name : names) {
            norms.add(gradient(module, name, step).norm());
        }
        return NDArrays.stack(norms).norm().getFloat();
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
