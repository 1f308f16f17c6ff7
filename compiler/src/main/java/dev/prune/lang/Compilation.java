package dev.prune.lang;

import java.util.List;
import java.util.Map;

/**
 * What checking a file gives: the sources read (for rendering), every diagnostic, the checked recipes, and
 * the checked experiments.
 */
public record Compilation(Map<String, Source> sources, List<Diagnostic> diagnostics, List<CheckedRecipe> recipes,
        List<CheckedExperiment> experiments) {

    public Compilation {
        sources = Map.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
        recipes = List.copyOf(recipes);
        experiments = List.copyOf(experiments);
    }

    public Compilation(Map<String, Source> sources, List<Diagnostic> diagnostics, List<CheckedRecipe> recipes) {
        this(sources, diagnostics, recipes, List.of());
    }

    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** The diagnostics as people read them: file:line:col, the line, a caret, and hints. */
    public String render() {
        return new DiagnosticRenderer(sources).render(diagnostics);
    }
}
