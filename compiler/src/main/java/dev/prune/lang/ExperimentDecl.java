package dev.prune.lang;

import java.util.List;

/**
 * {@code experiment name on recipe { ... }}: a grid of runs of one recipe, its variants by its seeds, and the
 * paired comparisons to make between them. The recipe is named as a recipe of this file or of an import
 * ({@code base.convnext_p8}).
 */
public record ExperimentDecl(Span span, Name name, QualifiedName recipe, List<ExperimentItem> items) implements Decl {

    public ExperimentDecl {
        items = List.copyOf(items);
    }

    public <T extends ExperimentItem> List<T> items(Class<T> kind) {
        return items.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
