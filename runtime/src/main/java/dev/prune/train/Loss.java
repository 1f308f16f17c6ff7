package dev.prune.train;

import ai.djl.ndarray.NDArray;
import dev.prune.engine.Scalars;

/**
 * Softmax cross-entropy with label smoothing, as PyTorch's {@code CrossEntropyLoss(label_smoothing=ε)}
 * defines it: the target puts {@code 1 − ε + ε/K} on the true class and {@code ε/K} on each other class, so
 * {@code loss = (1 − ε) · (−log p_y) + ε · mean_k(−log p_k)}, averaged over the batch.
 *
 * <p>Computed from log-softmax, which subtracts the row maximum before exponentiating: logits in the
 * thousands give a finite loss, where {@code log(softmax(z))} would take the log of an underflowed 0.
 */
public final class Loss {

    private final float smoothing;

    public Loss(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), not " + labelSmoothing);
        }
        this.smoothing = (float) labelSmoothing;
    }

    /** Plain cross-entropy (no smoothing): what evaluation and search report. */
    public static Loss crossEntropy() {
        return new Loss(0);
    }

    /**
     * The mean loss of a batch, a scalar in the logits' manager.
     *
     * @param logits {@code [N, K]}
     * @param labels {@code [N]}, int64 class indices
     */
    public NDArray compute(NDArray logits, NDArray labels) {
        return perExample(logits, labels).mean();
    }

    /** One loss per example, {@code [N]}. */
    public NDArray perExample(NDArray logits, NDArray labels) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray trueClass = logProbabilities.mul(labels.oneHot(classes)).sum(new int[] {1}).neg();
        if (smoothing == 0) {
            return trueClass;
        }
        NDArray uniform = logProbabilities.mean(new int[] {1}).neg();
        return Scalars.times(trueClass, 1 - smoothing).add(Scalars.times(uniform, smoothing));
    }

    /** Examples whose highest logit is the label's. */
    public static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).countNonzero().getLong();
    }

    public double labelSmoothing() {
        return smoothing;
    }
}
