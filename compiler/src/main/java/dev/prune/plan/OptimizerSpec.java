package dev.prune.plan;

/** An optimizer with every setting resolved (the catalogue's defaults filled in by the compiler). */
public sealed interface OptimizerSpec {

    /** The base learning rate, before the schedule scales it. */
    double lr();

    /** {@code adamw(lr, weight_decay, beta1, beta2)}: decoupled weight decay. */
    record AdamWSpec(double lr, double weightDecay, double beta1, double beta2) implements OptimizerSpec {
    }

    /** {@code sgd(lr, momentum, weight_decay, nesterov)}: PyTorch's SGD, coupled (L2) weight decay. */
    record SgdSpec(double lr, double momentum, double weightDecay, boolean nesterov) implements OptimizerSpec {
    }
}
