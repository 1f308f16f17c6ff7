package dev.prune.lang;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front end in one call: read, parse, import, check. Each stage stops the chain when it reported
 * errors, so that a syntax error is not followed by a cascade of checks on a half-read file.
 */
public final class Compiler {

    private Compiler() {
    }

    public static Compilation compile(Path file, List<String> sets) throws IOException {
        return compile(Source.read(file), sets);
    }

    public static Compilation compile(Source source, List<String> sets) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, Source> sources = new LinkedHashMap<>();
        Overrides overrides = Overrides.parse(sets, diagnostics, sources);
        ModuleLoader loader = new ModuleLoader(diagnostics);
        Optional<Module> root = loader.load(source);
        sources.putAll(loader.sources());
        if (root.isEmpty() || diagnostics.hasErrors()) {
            return new Compilation(sources, diagnostics.sorted(), List.of());
        }
        Checker checker = new Checker(diagnostics);
        List<CheckedRecipe> recipes = checker.check(root.get(), overrides);
        List<CheckedExperiment> experiments = new ExperimentChecker(checker, diagnostics).check(root.get());
        boolean ok = !diagnostics.hasErrors();
        return new Compilation(sources, diagnostics.sorted(), ok ? recipes : List.of(), ok ? experiments : List.of());
    }
}
