package dev.prune.train;

import dev.prune.engine.LambdaPolicy;

/**
 * The λ policy of each training step. The subnet stage moves one λ for every Blend on a schedule; the
 * supernet stage draws, per step, which candidate blocks take their pruned form.
 */
public interface LambdaPlan {

    LambdaPolicy at(long step);

    /** One number for the metrics: the subnet's λ, or the fraction of candidates pruned in a supernet step. */
    double level(long step);

    /** The graph as built: every Blend keeps the λ in its attribute (a baseline has none). */
    static LambdaPlan asBuilt() {
        return fixed(LambdaPolicy.asBuilt(), Double.NaN);
    }

    static LambdaPlan fixed(LambdaPolicy policy, double level) {
        return new LambdaPlan() {
            @Override
            public LambdaPolicy at(long step) {
                return policy;
            }

            @Override
            public double level(long step) {
                return level;
            }
        };
    }

    /** λ(step) for every Blend. */
    static LambdaPlan progressive(LambdaSchedule schedule) {
        return new LambdaPlan() {
            @Override
            public LambdaPolicy at(long step) {
                return LambdaPolicy.constant(schedule.lambda(step));
            }

            @Override
            public double level(long step) {
                return schedule.lambda(step);
            }
        };
    }

    /** Each step's sample of pruned blocks. */
    static LambdaPlan sampled(BlockSampler sampler) {
        return new LambdaPlan() {
            @Override
            public LambdaPolicy at(long step) {
                return BlockSampler.policy(sampler.sample(step));
            }

            @Override
            public double level(long step) {
                return sampler.sample(step).values().stream().mapToDouble(Float::doubleValue).average().orElse(0);
            }
        };
    }
}
