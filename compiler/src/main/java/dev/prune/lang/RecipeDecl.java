package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/** {@code recipe name { ... }}: one pruning job. */
public record RecipeDecl(Span span, Name name, List<RecipeItem> items) implements Decl {

    public RecipeDecl {
        items = List.copyOf(items);
    }

    public List<Section> sections() {
        return items.stream().filter(Section.class::isInstance).map(Section.class::cast).toList();
    }

    public Optional<Section> section(SectionKind kind) {
        return sections().stream().filter(s -> s.kind() == kind).findFirst();
    }
}
