package dev.prune.train;

/** One finished training step, for progress output. */
public record StepResult(int epoch, int batchInEpoch, long step, double loss, double lr, double gradNorm) {
}
