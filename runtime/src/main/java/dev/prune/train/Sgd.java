package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum as PyTorch defines it: {@code g ← ∇ + λ·w; b ← μ·b + g; w ← w − lr·b}
 * (Nesterov: {@code w ← w − lr·(g + μ·b)}). Weight decay is coupled (L2), as in torch.optim.SGD.
 */
public final class Sgd implements Optimizer {

    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final NDManager manager;
    private final Map<String, NDArray> buffers = new HashMap<>();

    public Sgd(NDManager parent, float momentum, float weightDecay, boolean nesterov) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.manager = parent.newSubManager();
    }

    @Override
    public void step(GraphModule module, float lr) {
        for (String name : module.trainableNames()) {
            NDArray weight = module.array(name);
            try (NDManager scratch = manager.newSubManager()) {
                // getGradient() makes a new handle to the gradient on every call: freeing it with the
                // scratch manager leaves the gradient alone (handles kept in the module's manager leaked).
                NDArray gradient = weight.getGradient();
                gradient.attach(scratch);
                NDArray g = weightDecay > 0 && Optimizer.decays(weight)
                        ? AdamW.own(gradient.add(AdamW.own(weight.mul(weightDecay), scratch)), scratch) : gradient;
                NDArray direction = g;
                if (momentum > 0) {
                    NDArray buffer = buffers.get(name);
                    if (buffer == null) {
                        buffer = g.duplicate();
                        buffer.attach(manager);
                        buffers.put(name, buffer);
                    } else {
                        buffer.muli(momentum).addi(g);
                    }
                    direction = nesterov ? AdamW.own(g.add(AdamW.own(buffer.mul(momentum), scratch)), scratch) : buffer;
                }
                weight.subi(AdamW.own(direction.mul(lr), scratch));
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        buffers.forEach((name, b) -> state.put(name + ".momentum", GraphModule.toTensor(b)));
        return state;
    }

    @Override
    public void load(Map<String, Tensor> state) {
        state.forEach((key, tensor) -> {
            if (key.endsWith(".momentum")) {
                AdamW.replace(buffers, key.substring(0, key.length() - ".momentum".length()), Tensors.create(manager, tensor));
            }
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}
