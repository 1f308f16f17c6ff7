package dev.prune.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training produced a NaN or an infinity (in the loss or a gradient) and stopped before the optimizer used
 * it, so the parameters are those of the step before. The message says where and what, and which checkpoint
 * to go back to.
 */
public final class TrainingDiverged extends Exception {

    private final String stage;
    private final int epoch;
    private final long step;
    private final String what;
    private final transient Optional<Path> lastGoodCheckpoint;

    public TrainingDiverged(String stage, int epoch, long step, String what, Optional<Path> lastGoodCheckpoint) {
        super(String.format("training diverged in stage %s, epoch %d, step %d: %s; last good checkpoint: %s", stage, epoch, step, what,
                lastGoodCheckpoint.map(Path::toString).orElse("none")));
        this.stage = stage;
        this.epoch = epoch;
        this.step = step;
        this.what = what;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    public String stage() {
        return stage;
    }

    public int epoch() {
        return epoch;
    }

    /** The global step (from the stage's start) whose loss or gradient was not finite. */
    public long step() {
        return step;
    }

    /** What was not finite: {@code loss is NaN}, {@code the gradient of stem.0.weight holds Inf}. */
    public String what() {
        return what;
    }

    public Optional<Path> lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
