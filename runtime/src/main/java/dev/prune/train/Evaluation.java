package dev.prune.train;

/** A model's score on a split: top-1 accuracy and mean cross-entropy (no smoothing) over {@code examples}. */
public record Evaluation(double top1, double meanLoss, long examples) {
}
