package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.engine.GraphModule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fused update against AdamW's formula written out in doubles, {@code w ← w − lr·(m̂ / (√v̂ + ε) + λ·w)}
 * with λ only on weights of rank > 1, over two steps (so that the bias corrections change), and the global
 * gradient norm against its definition.
 */
class AdamWTest {

    private static final float LR = 0.01f;
    private static final float DECAY = 0.05f;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    @Test
    void twoStepsFollowTheFormula() {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root);
                AdamW adam = new AdamW(root, DECAY, (float) BETA1, (float) BETA2)) {
            EpochLoopTest.backward(module, root);
            Map<String, double[]> weights = new LinkedHashMap<>();
            Map<String, double[]> gradients = new LinkedHashMap<>();
            for (String name : module.trainableNames()) {
                weights.put(name, doubles(module.array(name).toFloatArray()));
                try (NDArray gradient = module.array(name).getGradient()) {
                    gradients.put(name, doubles(gradient.toFloatArray()));
                }
            }
            Map<String, double[]> m = new LinkedHashMap<>();
            Map<String, double[]> v = new LinkedHashMap<>();
            // The gradients stay as they are between the two steps: nothing zeroes them here.
            for (int step = 1; step <= 2; step++) {
                adam.step(module, LR);
                double c1 = 1 - Math.pow(BETA1, step);
                double c2 = 1 - Math.pow(BETA2, step);
                for (String name : module.trainableNames()) {
                    double[] w = weights.get(name);
                    double[] g = gradients.get(name);
                    double[] mi = m.computeIfAbsent(name, k -> new double[w.length]);
                    double[] vi = v.computeIfAbsent(name, k -> new double[w.length]);
                    double decay = module.array(name).getShape().dimension() > 1 ? DECAY : 0;
                    for (int i = 0; i < w.length; i++) {
                        mi[i] = BETA1 * mi[i] + (1 - BETA1) * g[i];
                        vi[i] = BETA2 * vi[i] + (1 - BETA2) * g[i] * g[i];
                        w[i] -= LR * (mi[i] / c1 / (Math.sqrt(vi[i] / c2) + 1e-8) + decay * w[i]);
                    }
                    float[] actual = module.array(name).toFloatArray();
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(w[i], actual[i], 2e-6 * Math.max(1, Math.abs(w[i])), name + "[" + i + "] after step " + step);
                    }
                }
            }
            Gradients.zero(module);
        }
    }

    @Test
    void theGlobalNormIsTheRootOfAllSquaredGradients() {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root)) {
            EpochLoopTest.backward(module, root);
            double squares = 0;
            for (String name : module.trainableNames()) {
                try (NDArray gradient = module.array(name).getGradient()) {
                    for (float g : gradient.toFloatArray()) {
                        squares += (double) g * g;
                    }
                }
            }
            try (NDManager step = root.newSubManager()) {
                double norm = Gradients.globalNorm(module, step);
                assertTrue(norm > 0);
                assertEquals(Math.sqrt(squares), norm, 1e-5 * norm);
            }
            Gradients.zero(module);
        }
    }

    static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
