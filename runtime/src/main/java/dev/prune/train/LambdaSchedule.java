package dev.prune.train;

import dev.prune.plan.ProgressionSpec;

/**
 * λ at each step of progressive subnet training, a pure function of the step. With {@code u = min(1, s / U)}
 * for the spec's {@code until} U in steps:
 * <ul>
 * <li>linear: {@code from + (to − from) · u};</li>
 * <li>cosine: {@code from + (to − from) · (1 − cos(π · u)) / 2}, slow at both ends;</li>
 * <li>immediate: 1 from step 0 (direct pruning).</li>
 * </ul>
 * Both reach {@code to} exactly at step U and stay there; U = 0 means {@code to} from the start.
 */
public final class LambdaSchedule {

    private final ProgressionSpec.Kind kind;
    private final double from;
    private final double to;
    private final long until;

    private LambdaSchedule(ProgressionSpec.Kind kind, double from, double to, long until) {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.until = until;
    }

    public static LambdaSchedule of(ProgressionSpec spec, int stepsPerEpoch) {
        return new LambdaSchedule(spec.kind(), spec.from(), spec.to(), spec.until().toSteps(stepsPerEpoch));
    }

    public float lambda(long step) {
        if (kind == ProgressionSpec.Kind.IMMEDIATE) {
            return 1f;
        }
        double u = until <= 0 ? 1 : Math.min(1, (double) step / until);
        double shape = kind == ProgressionSpec.Kind.LINEAR ? u : (1 - Math.cos(Math.PI * u)) / 2;
        // At u = 1 return `to` itself, not from + (to − from)·1, which can miss it by a rounding error:
        // the verification chain compares against λ = 1 exactly.
        return (float) (u >= 1 ? to : from + (to - from) * shape);
    }

    public long untilStep() {
        return until;
    }
}
