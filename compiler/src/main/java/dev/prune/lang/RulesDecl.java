package dev.prune.lang;

import java.util.List;

/** {@code rules merge { fold batchnorm; compose conv, linear where macs <= 1.5 x }}: how pruned blocks collapse. */
public record RulesDecl(Span span, Name name, List<Directive> directives) implements Decl {

    public RulesDecl {
        directives = List.copyOf(directives);
    }
}
