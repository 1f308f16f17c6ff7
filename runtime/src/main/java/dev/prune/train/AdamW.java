package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter): Adam's moments with the weight decay applied to the weights directly,
 * {@code w ← w − lr·(m̂ / (√v̂ + ε) + λ·w)}, with bias-corrected moments m̂, v̂.
 */
public final class AdamW implements Optimizer {

    private static final float EPSILON = 1e-8f;

    private final float weightDecay;
    private final float beta1;
    private final float beta2;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new HashMap<>();
    private final Map<String, NDArray> secondMoments = new HashMap<>();
    private long steps;

    public AdamW(NDManager parent, float weightDecay, float beta1, float beta2) {
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.manager = parent.newSubManager();
    }

    @Override
    public void step(GraphModule module, float lr) {
        steps++;
        float correction1 = (float) (1 - Math.pow(beta1, steps));
        float correction2 = (float) (1 - Math.pow(beta2, steps));
        for (String name : module.trainableNames()) {
            NDArray weight = module.array(name);
            try (NDManager scratch = manager.newSubManager()) {
                // getGradient() makes a new handle to the gradient on every call: freeing it with the
                // scratch manager leaves the gradient alone (handles kept in the module's manager leaked).
                NDArray gradient = weight.getGradient();
                gradient.attach(scratch);
                NDArray m = firstMoments.computeIfAbsent(name, k -> manager.zeros(weight.getShape()));
                NDArray v = secondMoments.computeIfAbsent(name, k -> manager.zeros(weight.getShape()));
                m.muli(beta1).addi(own(gradient.mul(1 - beta1), scratch));
                v.muli(beta2).addi(own(gradient.square().mul(1 - beta2), scratch));
                NDArray update = own(m.div(correction1), scratch).divi(own(own(v.div(correction2), scratch).sqrt(), scratch).addi(EPSILON));
                if (weightDecay > 0 && Optimizer.decays(weight)) {
                    weight.subi(own(weight.mul(lr * weightDecay), scratch));
                }
                weight.subi(update.muli(lr));
            }
        }
    }

    static NDArray own(NDArray array, NDManager scratch) {
        array.attach(scratch);
        return array;
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("step", Tensor.scalar(steps));
        firstMoments.forEach((name, m) -> state.put(name + ".m", GraphModule.toTensor(m)));
        secondMoments.forEach((name, v) -> state.put(name + ".v", GraphModule.toTensor(v)));
        return state;
    }

    @Override
    public void load(Map<String, Tensor> state) {
        steps = (long) state.get("step").get(0);
        state.forEach((key, tensor) -> {
            if (key.endsWith(".m")) {
                replace(firstMoments, key.substring(0, key.length() - 2), Tensors.create(manager, tensor));
            } else if (key.endsWith(".v")) {
                replace(secondMoments, key.substring(0, key.length() - 2), Tensors.create(manager, tensor));
            }
        });
    }

    /** Frees the array a loaded state replaces, which would otherwise stay in this manager until close. */
    static void replace(Map<String, NDArray> arrays, String name, NDArray value) {
        NDArray previous = arrays.put(name, value);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
