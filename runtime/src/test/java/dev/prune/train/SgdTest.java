package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.engine.GraphModule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sgd(lr, momentum, weight_decay, nesterov)} against PyTorch's formula written out in doubles, over two
 * steps (so that momentum matters): {@code g' = g + λ·w} (weights of rank > 1), {@code b ← μ·b + g'} (b = g' at
 * first), {@code w ← w − lr·(nesterov ? g' + μ·b : b)}.
 */
class SgdTest {

    private static final float LR = 0.05f;
    private static final float MOMENTUM = 0.9f;
    private static final float DECAY = 0.01f;

    @Test
    void plainMomentum() {
        twoStepsFollowTheFormula(false);
    }

    @Test
    void nesterovMomentum() {
        twoStepsFollowTheFormula(true);
    }

    private static void twoStepsFollowTheFormula(boolean nesterov) {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root);
                Sgd sgd = new Sgd(root, MOMENTUM, DECAY, nesterov)) {
            EpochLoopTest.backward(module, root);
            Map<String, double[]> weights = new LinkedHashMap<>();
            Map<String, double[]> gradients = new LinkedHashMap<>();
            for (String name : module.trainableNames()) {
                weights.put(name, AdamWTest.doubles(module.array(name).toFloatArray()));
                try (NDArray gradient = module.array(name).getGradient()) {
                    gradients.put(name, AdamWTest.doubles(gradient.toFloatArray()));
                }
            }
            Map<String, double[]> buffers = new LinkedHashMap<>();
            for (int step = 1; step <= 2; step++) {
                sgd.step(module, LR);
                for (String name : module.trainableNames()) {
                    double[] w = weights.get(name);
                    double[] g = gradients.get(name);
                    double decay = module.array(name).getShape().dimension() > 1 ? DECAY : 0;
                    double[] b = buffers.get(name);
                    boolean first = b == null;
                    if (first) {
                        b = new double[w.length];
                        buffers.put(name, b);
                    }
                    for (int i = 0; i < w.length; i++) {
                        double gi = g[i] + decay * w[i];
                        b[i] = first ? gi : MOMENTUM * b[i] + gi;
                        w[i] -= LR * (nesterov ? gi + MOMENTUM * b[i] : b[i]);
                    }
                    float[] actual = module.array(name).toFloatArray();
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(w[i], actual[i], 2e-6 * Math.max(1, Math.abs(w[i])), name + "[" + i + "] after step " + step
                                + (nesterov ? " (nesterov)" : ""));
                    }
                }
            }
            Gradients.zero(module);
        }
    }
}
