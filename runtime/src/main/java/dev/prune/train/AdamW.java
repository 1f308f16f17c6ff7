package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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

    /**
     * One update of every trainable parameter, each by PyTorch's fused Adam kernel that DJL's own AdamW calls
     * ({@code JniUtils.adamUpdate}): one native call per parameter instead of a dozen small array operations,
     * each with its JNI call and its temporary. That kernel takes the bias corrections as
     * {@code w ← w − lr·λ·w; w ← w − (lr·√c₂/c₁)·m / (√v + ε')}, which is this class's formula
     * {@code w − lr·(m/c₁) / (√(v/c₂) + ε)} when {@code ε' = ε·√c₂} (multiply numerator and denominator by
     * √c₂); the two differ only in float rounding ({@code AdamWTest} checks it against the formula).
     */
    @Override
    public void step(GraphModule module, float lr) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr * Math.sqrt(correction2) / correction1);
        float epsilon = (float) (EPSILON * Math.sqrt(correction2));
        for (String name : module.trainableNames()) {
            NDArray weight = module.array(name);
            NDArray m = firstMoments.computeIfAbsent(name, k -> manager.zeros(weight.getShape()));
            NDArray v = secondMoments.computeIfAbsent(name, k -> manager.zeros(weight.getShape()));
            float decay = weightDecay > 0 && Optimizer.decays(weight) ? weightDecay : 0f;
            // getGradient() makes a new handle to the gradient on every call: closing it frees the handle and
            // leaves the gradient alone (handles left in the module's manager leaked).
            try (NDArray gradient = weight.getGradient()) {
                // rescale 1 and clip −1: the kernel neither scales nor clamps (clipping is the loop's, by global norm).
                JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) m, (PtNDArray) v, lr, stepSize, decay, 1f, -1f,
                        beta1, beta2, epsilon, true);
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
