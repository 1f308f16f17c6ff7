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

    /**
     * A declaration of the standard library as a recipe importing it sees it: {@code standard("std.updp",
     * "merge")} is what {@code merge updp.merge} names. For tools that judge a model without a spec
     * ({@code prune inspect}).
     *
     * @throws IllegalArgumentException when the library has no such module or declaration
     */
    public static CheckedRecipe.RuleSet standard(String module, String name) {
        Source source = Stdlib.load(module).orElseThrow(() -> new IllegalArgumentException("no standard module " + module));
        Diagnostics diagnostics = new Diagnostics();
        Optional<Module> loaded = new ModuleLoader(diagnostics).load(source);
        String shownAs = module.substring(module.lastIndexOf('.') + 1) + "." + name;
        return loaded.flatMap(m -> new Checker(diagnostics, BlockCatalog.NONE).declaration(m, name, shownAs))
                .orElseThrow(() -> new IllegalArgumentException(module + " declares no " + name));
    }

    public static Compilation compile(Source source, List<String> sets) {
        return compile(source, sets, List.of());
    }

    /** @param allowImports folders outside the spec's folder tree from which it may import (see {@link ModuleLoader}) */
    public static Compilation compile(Source source, List<String> sets, List<Path> allowImports) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, Source> sources = new LinkedHashMap<>();
        Overrides overrides = Overrides.parse(sets, diagnostics, sources);
        ModuleLoader loader = new ModuleLoader(diagnostics, allowImports);
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
