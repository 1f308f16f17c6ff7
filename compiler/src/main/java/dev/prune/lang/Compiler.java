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
        List<CheckedRecipe> recipes = new Checker(diagnostics).check(root.get(), overrides);
        return new Compilation(sources, diagnostics.sorted(), diagnostics.hasErrors() ? List.of() : recipes);
    }
}
