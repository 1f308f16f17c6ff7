package dev.prune.engine;

import dev.prune.ir.Node;

/**
 * The λ a Blend node uses in one forward pass. The subnet trainer moves one λ for every pruned block; the
 * supernet trainer draws, at each step, which candidates take their pruned form (λ = 1) and which stay
 * baseline (λ = 0).
 */
@FunctionalInterface
public interface LambdaPolicy {

    float lambda(Node blend);

    /** Each Blend keeps the λ written in its attribute. */
    static LambdaPolicy asBuilt() {
        return node -> node.attributes().getFloat("lambda", 0f);
    }

    /** One λ for every Blend node. */
    static LambdaPolicy constant(float lambda) {
        return node -> lambda;
    }
}
