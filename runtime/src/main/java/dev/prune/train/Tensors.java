package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.ir.Tensor;

/** IR tensors into DJL arrays, owned by libtorch: see {@link dev.prune.engine.GraphModule#create}. */
final class Tensors {

    private Tensors() {
    }

    static NDArray create(NDManager manager, Tensor tensor) {
        return dev.prune.engine.GraphModule.create(manager, tensor);
    }
}
