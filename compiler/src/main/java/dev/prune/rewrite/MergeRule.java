package dev.prune.rewrite;

import dev.prune.ir.Node;
import java.util.Optional;

/**
 * One named rewrite of the merge, with the law that makes it exact. {@link #apply} looks at one node (the
 * root of its pattern) and answers the edit that rewrites it, or nothing when the pattern does not match there.
 */
public record MergeRule(String name, String law, Matcher matcher) {

    /** The pattern and the action of a rule: a pure function of the current state. */
    @FunctionalInterface
    interface Matcher {
        Optional<GraphEdit> apply(MergeState state, Node node);
    }

    Optional<GraphEdit> apply(MergeState state, Node node) {
        return matcher.apply(state, node);
    }

    @Override
    public String toString() {
        return name + ": " + law;
    }
}
