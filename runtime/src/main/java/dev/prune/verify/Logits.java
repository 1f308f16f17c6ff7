package dev.prune.verify;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import dev.prune.ir.Graph;

/** Comparisons of two models' logits on the same batch: what each link of the verification chain measures. */
public final class Logits {

    private Logits() {
    }

    /** A graph's logits on a batch, in eval mode with the given λ, flattened. */
    public static float[] of(Graph graph, LambdaPolicy policy, Batch batch, NDManager manager) {
        BatchArrays arrays = new BatchArrays();
        try (GraphModule module = new GraphModule(graph, manager); NDManager step = manager.newSubManager()) {
            return module.forward(step, arrays.images(batch, step), Mode.EVAL, policy).toFloatArray();
        }
    }

    /** Max |a − b| / max |a|: a check relative to the size of the reference's logits. */
    public static double relativeDifference(float[] reference, float[] candidate) {
        double scale = 0;
        for (float v : reference) {
            scale = Math.max(scale, Math.abs(v));
        }
        return maxAbs(reference, candidate) / Math.max(scale, Float.MIN_NORMAL);
    }

    /** Max |a − b|; infinite when the shapes differ, NaN when either has a NaN (a comparison that proves nothing). */
    public static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    public static float[] flatten(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    public static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
