package dev.prune.plan;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One training stage ({@code train baseline|supernet|subnet}) as the planner binds it: every setting typed,
 * every default filled in from the catalogue.
 *
 * @param clipGrad    the global gradient-norm bound, or empty for {@code clip_grad none}
 * @param sampler     the supernet's sampling rule; present only for the supernet stage
 * @param progression how λ moves; present only for the subnet stage
 * @param init        where the subnet's weights start; present only for the subnet stage
 * @param seed        this stage's own seed; empty: the recipe's
 * @param until       when the stage may stop before its length ({@code until converged(...)}); present only for
 *                    the baseline, and only where written
 */
public record TrainSpec(String stage, Duration length, OptimizerSpec optimizer, ScheduleSpec schedule, double labelSmoothing,
        OptionalDouble clipGrad, Optional<SamplerSpec> sampler, Optional<ProgressionSpec> progression, Optional<Init> init,
        OptionalLong seed, Optional<Convergence> until) {

    /** {@code init baseline|supernet}: the subnet starts from the trained baseline or from the supernet. */
    public enum Init {
        BASELINE, SUPERNET
    }

    /** The stage's length in steps. */
    public long totalSteps(int stepsPerEpoch) {
        return length.toSteps(stepsPerEpoch);
    }
}
