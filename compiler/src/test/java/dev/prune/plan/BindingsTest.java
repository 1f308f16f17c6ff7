package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Family;
import dev.prune.lang.Resolved;
import dev.prune.lang.SectionKind;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.Source;
import dev.prune.lang.Type;
import dev.prune.lang.Types;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Walks the catalogue: every setting, clause, call and call argument has a binding that reads it. */
class BindingsTest {

    /** Three recipes that between them reach every setting: each search strategy, epochs and steps, every train stage. */
    private static final List<String> RECIPES = List.of("""
            prune 1
            import std.updp
            recipe a {
              model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
              data fashion_mnist("d") { batch 64 }
              train baseline { epochs 1 }
              space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
              train supernet { steps 10; sample uniform }
              search evolution { population 4 }
              train subnet { epochs 1; progressive linear(until: 1 epochs) }
              merge updp.merge
              export onnx("o.onnx")
              runtime { threads 1 }
            }
            """, """
            prune 1
            import std.updp
            recipe b {
              model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
              data fashion_mnist("d") { batch 64 }
              train baseline { epochs 1 }
              space { blocks "features.*.*" except "features.*.0"; prune 1 where macs <= 0.9 x baseline; transform updp.block }
              search random { population 2 }
              train subnet { steps 5; progressive immediate }
              merge updp.merge
              export onnx("o.onnx")
            }
            """, """
            prune 1
            import std.updp
            recipe c {
              model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10; weights checkpoint("ck") }
              data fashion_mnist("d") { batch 64 }
              space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
              search exhaustive { }
              train subnet { epochs 1; progressive immediate }
              merge updp.merge
              export onnx("o.onnx")
            }
            """);

    private static Set<String> asked() {
        Set<String> asked = new LinkedHashSet<>();
        for (String text : RECIPES) {
            Compilation compilation = Compiler.compile(new Source("r.prune", text), List.of());
            assertTrue(compilation.ok(), compilation::render);
            Planner.plan(compilation.recipes().get(0), ContentDigests.inMemory(), asked);
        }
        return asked;
    }

    @Test
    void everySettingAndClauseOfTheCatalogueIsRead() {
        Set<String> asked = asked();
        List<String> unbound = new ArrayList<>();
        for (SettingSpec setting : Catalogue.RECIPE_SETTINGS) {
            check(asked, List.of(setting.key()), setting, unbound);
        }
        Catalogue.SECTIONS.forEach((kind, settings) -> {
            List<String> prefixes = kind == SectionKind.TRAIN
                    ? Catalogue.TRAIN_STAGES.stream().map(s -> "train." + s + ".").toList()
                    : List.of(kind.keyword() + ".");
            for (SettingSpec setting : settings) {
                check(asked, prefixes.stream().map(p -> p + setting.key()).toList(), setting, unbound);
            }
        });
        for (SectionKind kind : List.of(SectionKind.MODEL, SectionKind.DATA, SectionKind.SEARCH, SectionKind.EXPORT)) {
            if (!asked.contains(kind.keyword())) {
                unbound.add(kind.keyword() + " (the section's subject)");
            }
        }
        assertEquals(List.of(), unbound, "catalogue entries without a binding");
    }

    /** A setting is bound when some stage's binding asks for it; each of its clauses too. */
    private static void check(Set<String> asked, List<String> paths, SettingSpec setting, List<String> unbound) {
        if (!setting.clausesOnly() && paths.stream().noneMatch(asked::contains)) {
            unbound.add(paths.get(0));
        }
        for (SettingSpec.ClauseSpec clause : setting.clauses()) {
            if (paths.stream().map(p -> p + "." + clause.keyword()).noneMatch(asked::contains)) {
                unbound.add(paths.get(0) + "." + clause.keyword());
            }
        }
    }

    @Test
    void everySearchStrategyHasABinding() {
        Set<String> bound = new LinkedHashSet<>();
        for (String text : RECIPES) {
            Compilation compilation = Compiler.compile(new Source("r.prune", text), List.of());
            assertTrue(compilation.ok(), compilation::render);
            bound.add(Planner.plan(compilation.recipes().get(0)).search().strategy().id());
        }
        assertEquals(Set.copyOf(Catalogue.SEARCH_STRATEGIES), bound);
    }

    @Test
    void everyCallOfEveryFamilyIsBoundAndReadsEveryArgument() {
        List<String> problems = new ArrayList<>();
        for (Family family : Catalogue.FAMILIES) {
            Calls<?> calls = Bindings.of(family);
            for (Family.CallSpec call : family.calls().values()) {
                if (!calls.binds(call.name())) {
                    problems.add(family.name() + " " + call.name() + ": no binding");
                    continue;
                }
                Map<String, Resolved> values = Map.of("x", Resolved.byDefault(sample(call)));
                try {
                    Reader.of(values, new LinkedHashMap<>(), new LinkedHashSet<>()).call("x", calls);
                } catch (IllegalStateException | ClassCastException e) {
                    problems.add(family.name() + " " + call.name() + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void anArgumentLeftUnreadIsFound() {
        Calls<String> lazy = Calls.<String>of(Catalogue.OPTIMIZERS).on("adamw", a -> "adamw reads nothing");
        Map<String, Resolved> values = Map.of("x", Resolved.byDefault(sample(Catalogue.OPTIMIZERS.call("adamw").orElseThrow())));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Reader.of(values, new LinkedHashMap<>(), new LinkedHashSet<>()).call("x", lazy));
        assertTrue(e.getMessage().contains("leaves its argument lr unread"), e.getMessage());
    }

    /** A call with each argument at its default, or at a value of its type where it has none. */
    private static Value.Fn sample(Family.CallSpec call) {
        Map<String, Resolved> args = new LinkedHashMap<>();
        for (Family.Param param : call.params()) {
            args.put(param.name(), Resolved.byDefault(param.defaultValue().orElseGet(() -> sample(param.type()))));
        }
        return new Value.Fn(call.name(), args);
    }

    private static Value sample(Type type) {
        if (type instanceof Types.NumberType number) {
            Unit unit = number.units().contains(Unit.NONE) ? Unit.NONE : number.units().iterator().next();
            return new Value.Num(1, unit);
        }
        if (type instanceof Types.StringType || type instanceof Types.PathType) {
            return new Value.Str("x");
        }
        if (type instanceof Types.ListType list) {
            return new Value.Lst(List.of(sample(list.item())));
        }
        if (type instanceof Types.OrNone) {
            return new Value.Sym("none");
        }
        if (type instanceof Types.ChoiceType choice) {
            return new Value.Sym(choice.choices().get(0));
        }
        throw new IllegalArgumentException("no sample for " + type.describe());
    }
}
