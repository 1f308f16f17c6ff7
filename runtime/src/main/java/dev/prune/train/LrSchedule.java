package dev.prune.train;

import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.TrainSpec;

/**
 * The learning rate at each step of a stage: a pure function of the step, so that a run resumed from a
 * checkpoint continues on exactly the same curve.
 *
 * <p>Every kind starts with a linear warmup from 0: {@code lr(s) = base · s / W} for {@code s < W}, so
 * step 0 runs at rate 0 and step W is the first at the full rate. After the warmup:
 * <ul>
 * <li>constant: {@code base};</li>
 * <li>cosine: {@code min + (base − min) · (1 + cos(π · (s − W) / (T − W))) / 2}, reaching {@code min} at
 * step T, the stage's length (one past its last step);</li>
 * <li>step: {@code base · γ^⌊s / every⌋}, the period counted from the stage's start as PyTorch's StepLR does.</li>
 * </ul>
 */
public final class LrSchedule {

    private final ScheduleSpec.Kind kind;
    private final double base;
    private final double min;
    private final long warmup;
    private final long total;
    private final long every;
    private final double gamma;

    private LrSchedule(ScheduleSpec.Kind kind, double base, double min, long warmup, long total, long every, double gamma) {
        this.kind = kind;
        this.base = base;
        this.min = min;
        this.warmup = warmup;
        this.total = total;
        this.every = every;
        this.gamma = gamma;
    }

    /**
     * @param base          the optimizer's lr
     * @param totalSteps    the stage's length in steps
     * @param stepsPerEpoch converts the spec's durations given in epochs
     */
    public static LrSchedule of(ScheduleSpec spec, double base, long totalSteps, int stepsPerEpoch) {
        long every = spec.kind() == ScheduleSpec.Kind.STEP ? spec.every().toSteps(stepsPerEpoch) : 0;
        if (spec.kind() == ScheduleSpec.Kind.STEP && every <= 0) {
            throw new IllegalArgumentException("a step schedule needs a period of at least one step, not " + spec.every());
        }
        // A warmup longer than the stage is cut at the stage's end: the rate then never reaches base.
        long warmup = Math.min(spec.warmup().toSteps(stepsPerEpoch), totalSteps);
        return new LrSchedule(spec.kind(), base, spec.minLr(), warmup, totalSteps, every, spec.gamma());
    }

    /** The stage's schedule, from its spec and the data's steps per epoch. */
    public static LrSchedule of(TrainSpec spec, int stepsPerEpoch) {
        return of(spec.schedule(), spec.optimizer().lr(), spec.totalSteps(stepsPerEpoch), stepsPerEpoch);
    }

    public double lr(long step) {
        if (step < warmup) {
            return afterWarmup(warmup) * step / warmup;
        }
        return afterWarmup(step);
    }

    private double afterWarmup(long step) {
        return switch (kind) {
            case CONSTANT -> base;
            case COSINE -> {
                long span = total - warmup;
                double progress = span <= 0 ? 1 : Math.min(1, (double) (step - warmup) / span);
                yield min + (base - min) * (1 + Math.cos(Math.PI * progress)) / 2;
            }
            case STEP -> base * Math.pow(gamma, Math.floorDiv(step, every));
        };
    }

    public long totalSteps() {
        return total;
    }

    public long warmupSteps() {
        return warmup;
    }
}
