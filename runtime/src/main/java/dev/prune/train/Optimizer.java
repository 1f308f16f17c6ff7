package dev.prune.train;

import ai.djl.ndarray.NDArray;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Tensor;
import java.util.Map;

/**
 * Updates a module's trainable parameters from their gradients. Implementations keep their state (moments)
 * in their own manager and expose it as tensors, so that a checkpoint can restore a run exactly.
 */
public interface Optimizer extends AutoCloseable {

    /** One update with learning rate {@code lr}; call outside any gradient collector. */
    void step(GraphModule module, float lr);

    /** The state by name ({@code <param>.m}, {@code <param>.v}, {@code step}), for checkpoints. */
    Map<String, Tensor> state();

    void load(Map<String, Tensor> state);

    @Override
    void close();

    /** Decoupled weight decay applies to weight matrices and kernels, not to biases and norm scales (rank ≤ 1). */
    static boolean decays(NDArray parameter) {
        return parameter.getShape().dimension() > 1;
    }
}
