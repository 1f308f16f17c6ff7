package dev.prune.lang;

import java.util.List;

/** {@code transform block { replace relu -> identity progressively ... }}: how a pruned block changes form. */
public record TransformDecl(Span span, Name name, List<Directive> directives) implements Decl {

    public TransformDecl {
        directives = List.copyOf(directives);
    }
}
