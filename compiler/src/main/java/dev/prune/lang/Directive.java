package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * One line of a transform or a rule set: a verb, the op families it applies to, an optional replacement,
 * whether it blends in with λ, and conditions. {@code replace relu, gelu -> identity progressively};
 * {@code compose conv, linear where macs <= 1.5 x}.
 */
public record Directive(Span span, Name verb, List<Name> targets, Optional<Name> replacement, boolean progressively,
        List<Comparison> conditions) implements Node {

    public Directive {
        targets = List.copyOf(targets);
        conditions = List.copyOf(conditions);
    }
}
