package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/** One .prune file: its version header, its imports and its declarations, in source order. */
public record SpecFile(Span span, Optional<Header> header, List<Import> imports, List<Decl> decls) implements Node {

    public SpecFile {
        imports = List.copyOf(imports);
        decls = List.copyOf(decls);
    }

    public List<ExperimentDecl> experiments() {
        return decls.stream().filter(ExperimentDecl.class::isInstance).map(ExperimentDecl.class::cast).toList();
    }

    public List<RecipeDecl> recipes() {
        return decls.stream().filter(RecipeDecl.class::isInstance).map(RecipeDecl.class::cast).toList();
    }
}
