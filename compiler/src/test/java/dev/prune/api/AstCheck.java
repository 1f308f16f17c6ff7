package dev.prune.api;

import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Checker;
import dev.prune.lang.Diagnostic;
import dev.prune.lang.Diagnostics;
import dev.prune.lang.Module;
import dev.prune.lang.ModuleLoader;
import dev.prune.lang.Overrides;
import dev.prune.lang.ParsedFile;
import dev.prune.lang.Source;
import java.util.List;
import java.util.Optional;

/**
 * Runs the checker on a built AST directly, without printing it first. Recipe.check() goes through the
 * text, as a toolchain's user will read it; this lets tests check built recipes before the printer lands.
 */
public final class AstCheck {

    public record Result(List<Diagnostic> diagnostics, List<CheckedRecipe> recipes) {
    }

    private AstCheck() {
    }

    public static Result check(Recipe recipe) {
        Diagnostics diagnostics = new Diagnostics();
        // The built file imports std.updp; load it the ordinary way, through a stub that imports it too.
        Module stub = new ModuleLoader(diagnostics).load(new Source("stub.prune", "prune 1\nimport std.updp\n")).orElseThrow();
        ParsedFile built = new ParsedFile(new Source(recipe.name() + ".prune", ""), Optional.of(recipe.toSpecFile()), List.of(), List.of());
        List<CheckedRecipe> recipes = new Checker(diagnostics).check(new Module(built, stub.imports()), Overrides.none());
        return new Result(diagnostics.sorted(), recipes);
    }
}
