package dev.prune.train;

import dev.prune.plan.TrainSpec;
import dev.prune.plan.OptimizerSpec;
import ai.djl.ndarray.NDManager;

/** The optimizer a stage's spec names, with its state in a sub-manager of {@code parent}. */
public final class Optimizers {

    private Optimizers() {
    }

    public static Optimizer create(TrainSpec spec, NDManager parent) {
        return create(spec.optimizer(), parent);
    }

    public static Optimizer create(OptimizerSpec spec, NDManager parent) {
        if (spec instanceof OptimizerSpec.AdamWSpec a) {
            return new AdamW(parent, (float) a.weightDecay(), (float) a.beta1(), (float) a.beta2());
        }
        OptimizerSpec.SgdSpec s = (OptimizerSpec.SgdSpec) spec;
        return new Sgd(parent, (float) s.momentum(), (float) s.weightDecay(), s.nesterov());
    }
}
