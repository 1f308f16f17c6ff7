package dev.prune.plan;

/**
 * A learning-rate schedule as the recipe declares it; {@link LrSchedule#of} turns it into numbers once the
 * stage's length in steps is known.
 *
 * @param every for {@link Kind#STEP}: the period of the decay (ignored otherwise)
 * @param gamma for {@link Kind#STEP}: the factor applied once per period
 * @param minLr for {@link Kind#COSINE}: the rate reached at the end of the stage
 */
public record ScheduleSpec(Kind kind, Duration warmup, double minLr, Duration every, double gamma) {

    public enum Kind { CONSTANT, COSINE, STEP }

    public static ScheduleSpec constant(Duration warmup) {
        return new ScheduleSpec(Kind.CONSTANT, warmup, 0, Duration.steps(0), 1);
    }

    public static ScheduleSpec cosine(Duration warmup, double minLr) {
        return new ScheduleSpec(Kind.COSINE, warmup, minLr, Duration.steps(0), 1);
    }

    public static ScheduleSpec step(Duration every, double gamma, Duration warmup) {
        return new ScheduleSpec(Kind.STEP, warmup, 0, every, gamma);
    }
}
