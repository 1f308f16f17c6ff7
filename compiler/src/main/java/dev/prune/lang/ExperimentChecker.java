package dev.prune.lang;

import dev.prune.lang.CheckedExperiment.Cell;
import dev.prune.lang.ExperimentItem.Compare;
import dev.prune.lang.ExperimentItem.Control;
import dev.prune.lang.ExperimentItem.Draws;
import dev.prune.lang.ExperimentItem.Assignment;
import dev.prune.lang.ExperimentItem.Seeds;
import dev.prune.lang.ExperimentItem.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each {@code experiment} of a file: its recipe reference, seeds, variants, control and comparisons,
 * then every cell of its grid as the recipe with the variant's overrides and the cell's seed, by the
 * {@link Checker} that checks {@code --set} (so a variant's mistakes are reported where the variant wrote them).
 */
final class ExperimentChecker {

    /** The stages that take a seed of their own, by their setting prefix. */
    static final List<String> SEEDED_STAGES = List.of("train.baseline", "train.supernet", "train.subnet", "search");
    static final List<String> SPLITS = List.of("test");
    static final List<String> METRICS = List.of("top1");

    private final Checker checker;
    private final Diagnostics diagnostics;

    ExperimentChecker(Checker checker, Diagnostics diagnostics) {
        this.checker = checker;
        this.diagnostics = diagnostics;
    }

    List<CheckedExperiment> check(Module root) {
        List<CheckedExperiment> out = new ArrayList<>();
        for (ExperimentDecl experiment : root.ast().experiments()) {
            check(root, experiment).ifPresent(out::add);
        }
        return out;
    }

    private Optional<CheckedExperiment> check(Module root, ExperimentDecl experiment) {
        int errorsBefore = diagnostics.errorCount();
        Optional<Module> owner = recipeModule(root, experiment.recipe());
        Optional<RecipeDecl> recipe = owner.flatMap(m -> findRecipe(m, experiment.recipe()));
        if (recipe.isEmpty()) {
            return Optional.empty();
        }
        Optional<CheckedRecipe> base = checker.checkRecipe(owner.get(), recipe.get(), Overrides.none());
        if (base.isEmpty()) {
            return Optional.empty(); // the recipe's own errors are reported; its cells would only repeat them
        }
        ExpressionEvaluator evaluator = checker.evaluatorFor(root);
        Seeding seeding = seeds(experiment, evaluator);
        Map<String, Variant> variants = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Variant variant : experiment.items(Variant.class)) {
            if (!names.add(variant.name().text())) {
                diagnostics.error("duplicate-definition", variant.name().span(), "variant '" + variant.name().text() + "' is defined twice");
            } else {
                variants.put(variant.name().text(), variant);
            }
        }
        if (variants.isEmpty()) {
            diagnostics.error("missing-setting", experiment.name().span(), "experiment '" + experiment.name().text() + "' has no variant",
                    "add one, e.g. variant updp {} for the recipe as written");
        }
        Optional<String> control = control(experiment, names, base.get());
        List<CheckedExperiment.Match> matches = new ArrayList<>();
        Map<String, Integer> draws = new LinkedHashMap<>();
        Set<String> broken = new LinkedHashSet<>();
        for (Variant variant : variants.values()) {
            int before = diagnostics.errorCount();
            draws.put(variant.name().text(), draws(variant, evaluator, seeding));
            match(variant, variants, evaluator, seeding).ifPresent(matches::add);
            if (diagnostics.errorCount() > before) {
                broken.add(variant.name().text());
            }
        }
        List<CheckedExperiment.Comparison> comparisons = comparisons(experiment, names, seeding.seeds().size());
        if (seeding.seeds().isEmpty()) {
            return Optional.empty();
        }
        // The cells of every variant written correctly are checked, so that all of a file's mistakes show at once.
        List<Cell> cells = new ArrayList<>();
        for (Variant variant : variants.values()) {
            if (broken.contains(variant.name().text())) {
                continue;
            }
            int count = draws.get(variant.name().text());
            for (int draw = count == 0 ? 0 : 1; draw <= count; draw++) {
                for (int i = 0; i < seeding.seeds().size(); i++) {
                    Overrides overrides = overrides(variant, draw, seeding, i, exportPath(base.get()));
                    Optional<CheckedRecipe> cell = checker.checkRecipe(owner.get(), recipe.get(), overrides);
                    if (cell.isPresent()) {
                        cells.add(new Cell(variant.name().text(), draw, seeding.seeds().get(i), cell.get()));
                    }
                }
            }
        }
        if (control.isPresent()) {
            for (int i = 0; i < seeding.seeds().size(); i++) {
                Overrides overrides = Overrides.of("control " + control.get(), seedEntries(seeding, i));
                checker.checkRecipe(owner.get(), recipe.get(), overrides)
                        .ifPresent(r -> cells.add(new Cell(control.get(), 0, seedAt(seeding, r), r)));
            }
        }
        for (CheckedExperiment.Match match : matches) {
            checkMatchable(match, variants, cells);
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new CheckedExperiment(experiment.name().text(), root.name(), base.get(), seeding.seeds(), seeding.stages(),
                List.copyOf(variants.keySet()), cells, control, matches, comparisons));
    }

    // ------------------------------------------------------------------ the recipe

    private Optional<Module> recipeModule(Module root, QualifiedName reference) {
        if (reference.isSimple()) {
            return Optional.of(root);
        }
        String namespace = reference.dotted().substring(0, reference.dotted().lastIndexOf('.'));
        Module imported = root.imports().get(namespace);
        if (imported == null) {
            diagnostics.error("unknown-namespace", reference.span(), "nothing is imported as '" + namespace + "'",
                    root.imports().isEmpty() ? "import the recipe's file, e.g. import \"recipe.prune\" as " + namespace
                            : Suggest.help(namespace, root.imports().keySet(), "imported"));
            return Optional.empty();
        }
        return Optional.of(imported);
    }

    private Optional<RecipeDecl> findRecipe(Module module, QualifiedName reference) {
        List<RecipeDecl> recipes = module.ast().recipes();
        Optional<RecipeDecl> found = recipes.stream().filter(r -> r.name().text().equals(reference.last())).findFirst();
        if (found.isEmpty()) {
            List<String> known = recipes.stream().map(r -> r.name().text()).toList();
            diagnostics.error("unknown-recipe", reference.span(), "no recipe '" + reference.dotted() + "'",
                    known.isEmpty() ? module.name() + " declares no recipe" : Suggest.help(reference.last(), known, module.name() + " declares"));
        }
        return found;
    }

    // ------------------------------------------------------------------ seeds

    /** The seeds, and the stages they go to; the spans of the values, for the overrides that carry them. */
    private record Seeding(List<Long> seeds, List<Expr> exprs, List<String> stages, List<Span> stageSpans) {
    }

    private Seeding seeds(ExperimentDecl experiment, ExpressionEvaluator evaluator) {
        List<Seeds> statements = experiment.items(Seeds.class);
        if (statements.isEmpty()) {
            diagnostics.error("missing-setting", experiment.name().span(), "experiment '" + experiment.name().text() + "' needs seeds",
                    "add e.g. 'seeds 1, 2, 3, 4, 5, 6': one run of each variant per seed, paired by seed");
            return new Seeding(List.of(), List.of(), List.of(), List.of());
        }
        for (Seeds extra : statements.subList(1, statements.size())) {
            diagnostics.error("duplicate-setting", extra.span(), "'seeds' is given twice", "the first is at line " + statements.get(0).span().line());
        }
        Seeds seeds = statements.get(0);
        List<Long> values = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        Type type = Types.wholeAtLeast(0);
        for (Expr expr : seeds.values()) {
            Optional<Resolved> resolved = evaluator.resolve(expr);
            if (resolved.isEmpty() || type.check(resolved.get().value(), expr.span(), context()).isEmpty()) {
                continue;
            }
            long seed = ((Value.Num) resolved.get().value()).asLong();
            if (values.contains(seed)) {
                diagnostics.error("duplicate-seed", expr.span(), "seed " + seed + " is given twice", "each seed is one pair of every comparison");
                continue;
            }
            values.add(seed);
            exprs.add(expr);
        }
        List<String> stages = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (QualifiedName stage : seeds.stages()) {
            if (!SEEDED_STAGES.contains(stage.dotted())) {
                diagnostics.error("unknown-stage", stage.span(), "'" + stage.dotted() + "' is not a stage that takes a seed",
                        Suggest.help(stage.dotted(), SEEDED_STAGES, "seeded stages are"));
            } else if (stages.contains(stage.dotted())) {
                diagnostics.error("duplicate-stage", stage.span(), "'" + stage.dotted() + "' is named twice");
            } else {
                stages.add(stage.dotted());
                spans.add(stage.span());
            }
        }
        if (seeds.stages().isEmpty()) {
            stages.add("train.subnet");
            spans.add(seeds.span());
        }
        return new Seeding(values, exprs, stages, spans);
    }

    private Type.Context context() {
        return new Type.Context() {
            @Override
            public Diagnostics diagnostics() {
                return diagnostics;
            }

            @Override
            public String path() {
                return "seeds";
            }

            @Override
            public Optional<Value> resolveCall(Family family, Value value, Span span, String path) {
                diagnostics.error("type-mismatch", span, "expected a number, found " + Values.describe(value));
                return Optional.empty();
            }
        };
    }

    // ------------------------------------------------------------------ variants

    /** How many draws a variant runs (0: no draws clause), checked against the seeds. */
    private int draws(Variant variant, ExpressionEvaluator evaluator, Seeding seeding) {
        List<Draws> statements = variant.items(Draws.class);
        for (Draws extra : statements.subList(Math.min(1, statements.size()), statements.size())) {
            diagnostics.error("duplicate-setting", extra.span(), "'draws' is given twice");
        }
        checkOverrides(variant, seeding);
        if (statements.isEmpty()) {
            return 0;
        }
        Draws draws = statements.get(0);
        if (seeding.stages().contains("search")) {
            diagnostics.error("conflicting-settings", draws.span(), "each draw gives the search its seed, but the experiment's seeds go to the search too",
                    "give the seeds to later stages only, e.g. 'seeds 1, 2, 3 for train.subnet'");
        }
        Optional<Resolved> count = evaluator.resolve(draws.count());
        if (count.isEmpty() || Types.wholeBetween(1, 100).check(count.get().value(), draws.count().span(), context()).isEmpty()) {
            return 0;
        }
        return (int) ((Value.Num) count.get().value()).asLong();
    }

    /** A variant's override paths: each once, and none that the seeds or draws set. */
    private void checkOverrides(Variant variant, Seeding seeding) {
        Set<String> seen = new LinkedHashSet<>();
        boolean hasDraws = !variant.items(Draws.class).isEmpty();
        for (Assignment override : variant.items(Assignment.class)) {
            String path = override.path().dotted();
            if (!seen.add(path)) {
                diagnostics.error("duplicate-set", override.path().span(), "'" + path + "' is set twice in variant " + variant.name().text());
            } else if (path.endsWith(".seed") && seeding.stages().contains(path.substring(0, path.length() - ".seed".length()))) {
                diagnostics.error("conflicting-settings", override.path().span(), "'" + path + "' is set by the experiment's seeds",
                        "leave it to the seeds, or give the seeds to other stages with 'for'");
            } else if (path.equals("export.path")) {
                diagnostics.error("conflicting-settings", override.path().span(), "each cell of an experiment exports to a file of its own",
                        "the file is named after the recipe's export path, the variant and the seed");
            } else if (path.equals("search.seed") && hasDraws) {
                diagnostics.error("conflicting-settings", override.path().span(), "'search.seed' is set by the variant's draws");
            }
        }
    }

    /**
     * A variant's {@code macs within}. Its search must draw anew in each cell: through its {@code draws}, or through
     * the experiment's seeds when they go to the search (one draw per seed, matched to that seed's searched set).
     */
    private Optional<CheckedExperiment.Match> match(Variant variant, Map<String, Variant> variants, ExpressionEvaluator evaluator,
            Seeding seeding) {
        List<ExperimentItem.Match> statements = variant.items(ExperimentItem.Match.class);
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        for (ExperimentItem.Match extra : statements.subList(1, statements.size())) {
            diagnostics.error("duplicate-setting", extra.span(), "'macs within' is given twice");
        }
        ExperimentItem.Match match = statements.get(0);
        String reference = match.reference().text();
        boolean ok = true;
        if (!variants.containsKey(reference)) {
            diagnostics.error("unknown-variant", match.reference().span(), "no variant '" + reference + "'",
                    Suggest.help(reference, variants.keySet(), "the variants are"));
            ok = false;
        } else if (reference.equals(variant.name().text())) {
            diagnostics.error("bad-reference", match.reference().span(), "a variant cannot match its own cost", "name the searched variant");
            ok = false;
        } else if (!variants.get(reference).items(Draws.class).isEmpty() || !variants.get(reference).items(ExperimentItem.Match.class).isEmpty()) {
            diagnostics.error("bad-reference", match.reference().span(), "variant '" + reference + "' draws at random itself",
                    "match the cost of a searched variant");
            ok = false;
        }
        if (variant.items(Draws.class).isEmpty() && !seeding.stages().contains("search")) {
            diagnostics.error("missing-setting", match.span(), "'macs within' filters random draws, but variant " + variant.name().text()
                    + " has no 'draws' and the experiment's seeds do not go to the search",
                    "add e.g. 'draws 5', or draw once per seed: 'seeds 1, 2, 3 for train.subnet, search'");
            ok = false;
        }
        Optional<Resolved> tolerance = evaluator.resolve(match.tolerance());
        if (tolerance.isEmpty()) {
            return Optional.empty();
        }
        if (!(tolerance.get().value() instanceof Value.Num num) || num.unit() != Unit.PERCENT) {
            diagnostics.error("wrong-unit", match.tolerance().span(), "expected a share of the matched set's MACs such as '5%'",
                    "found " + Values.describe(tolerance.get().value()));
            return Optional.empty();
        }
        if (!(num.value() > 0 && num.value() < 100)) {
            diagnostics.error("out-of-range", match.tolerance().span(), Values.show(num) + " is out of range: expected more than 0% and less than 100%");
            return Optional.empty();
        }
        return ok ? Optional.of(new CheckedExperiment.Match(variant.name().text(), reference, num.value())) : Optional.empty();
    }

    /** A variant matched in cost must draw at random: its cells' search is random. */
    private void checkMatchable(CheckedExperiment.Match match, Map<String, Variant> variants, List<Cell> cells) {
        boolean random = cells.stream().filter(c -> c.variant().equals(match.variant()))
                .allMatch(c -> c.recipe().value("search") instanceof Value.Sym s && s.name().equals("random"));
        if (!random) {
            ExperimentItem.Match written = variants.get(match.variant()).items(ExperimentItem.Match.class).get(0);
            diagnostics.error("conflicting-settings", written.span(), "'macs within' filters random draws, but variant " + match.variant()
                    + " searches", "add 'search = random' to the variant");
        }
    }

    /**
     * The recipe's export path, already resolved against the recipe's file: each cell exports to its own file
     * beside it. Absolute, since the cell's override is written in the experiment's file, which may lie elsewhere.
     */
    private static String exportPath(CheckedRecipe recipe) {
        String resolved = ((Value.Str) ((Value.Fn) recipe.value("export")).arg("path")).value();
        return java.nio.file.Path.of(resolved).toAbsolutePath().normalize().toString();
    }

    /** {@code out/m.onnx} for cell direct/seed 3: {@code out/m.direct.seed3.onnx}. */
    static String cellExportPath(String path, String variant, int draw, long seed) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        String stem = dot > slash ? path.substring(0, dot) : path;
        String extension = dot > slash ? path.substring(dot) : "";
        return stem + "." + variant + (draw > 0 ? ".draw" + draw : "") + ".seed" + seed + extension;
    }

    /** The overrides of one cell: the variant's, the seed for each seeded stage, and the draw as the search's seed. */
    private static Overrides overrides(Variant variant, int draw, Seeding seeding, int seedIndex, String exportPath) {
        List<Overrides.Entry> entries = new ArrayList<>();
        for (Assignment override : variant.items(Assignment.class)) {
            entries.add(new Overrides.Entry(override.path().dotted(), override.path().span(), override.value()));
        }
        entries.addAll(seedEntries(seeding, seedIndex));
        // Each cell exports its own model: one file per cell, named after it.
        entries.add(new Overrides.Entry("export.path", variant.name().span(), new StringLit(variant.name().span(),
                cellExportPath(exportPath, variant.name().text(), draw, seeding.seeds().get(seedIndex)))));
        if (draw > 0) {
            Span at = variant.items(Draws.class).get(0).span();
            entries.add(new Overrides.Entry("search.seed", at, new NumberLit(at, Integer.toString(draw), Unit.NONE)));
        }
        return Overrides.of("variant " + variant.name().text(), entries);
    }

    private static List<Overrides.Entry> seedEntries(Seeding seeding, int seedIndex) {
        List<Overrides.Entry> entries = new ArrayList<>();
        Expr seed = seeding.exprs().get(seedIndex);
        for (int i = 0; i < seeding.stages().size(); i++) {
            entries.add(new Overrides.Entry(seeding.stages().get(i) + ".seed", seeding.stageSpans().get(i), seed));
        }
        return entries;
    }

    /** The seed a control cell was checked with: the value its first seeded stage received. */
    private static long seedAt(Seeding seeding, CheckedRecipe recipe) {
        return ((Value.Num) recipe.value(seeding.stages().get(0) + ".seed")).asLong();
    }

    // ------------------------------------------------------------------ control and comparisons

    private Optional<String> control(ExperimentDecl experiment, Set<String> names, CheckedRecipe recipe) {
        List<Control> controls = experiment.items(Control.class);
        for (Control extra : controls.subList(Math.min(1, controls.size()), controls.size())) {
            diagnostics.error("duplicate-setting", extra.span(), "an experiment has one control");
        }
        if (controls.isEmpty()) {
            return Optional.empty();
        }
        Control control = controls.get(0);
        if (!recipe.trainStages().contains("baseline")) {
            diagnostics.error("missing-section", control.span(), "the control trains the baseline on, but recipe " + recipe.name()
                    + " does not train a baseline", "a control needs 'train baseline' in the recipe");
            return Optional.empty();
        }
        boolean epochs = recipe.params().containsKey("train.subnet.epochs");
        boolean sameUnit = !recipe.trainStages().contains("supernet")
                || recipe.params().containsKey("train.supernet.epochs") == epochs;
        if (!sameUnit) {
            diagnostics.error("unit-mismatch", control.span(), "the control trains for the supernet's and the subnet's lengths together, "
                    + "but one is in epochs and the other in steps", "give both in epochs, or both in steps");
            return Optional.empty();
        }
        if (!names.add(control.name().text())) {
            diagnostics.error("duplicate-definition", control.name().span(), "'" + control.name().text() + "' names a variant already");
            return Optional.empty();
        }
        return Optional.of(control.name().text());
    }

    private List<CheckedExperiment.Comparison> comparisons(ExperimentDecl experiment, Set<String> names, int seeds) {
        List<CheckedExperiment.Comparison> out = new ArrayList<>();
        for (Compare compare : experiment.items(Compare.class)) {
            boolean ok = true;
            for (Name side : List.of(compare.left(), compare.right())) {
                if (!names.contains(side.text())) {
                    diagnostics.error("unknown-variant", side.span(), "no variant or control '" + side.text() + "'",
                            Suggest.help(side.text(), names, "the variants are"));
                    ok = false;
                }
            }
            if (ok && compare.left().text().equals(compare.right().text())) {
                diagnostics.error("bad-comparison", compare.right().span(), "a variant compared with itself differs by nothing");
                ok = false;
            }
            if (!SPLITS.contains(compare.split().text())) {
                diagnostics.error("unknown-choice", compare.split().span(), "unknown split '" + compare.split().text() + "'",
                        Suggest.help(compare.split().text(), SPLITS, "comparisons are made on"));
                ok = false;
            }
            if (!METRICS.contains(compare.metric().text())) {
                diagnostics.error("unknown-metric", compare.metric().span(), "unknown metric '" + compare.metric().text() + "'",
                        Suggest.help(compare.metric().text(), METRICS, "comparisons are made on"));
                ok = false;
            }
            if (seeds == 1) {
                diagnostics.error("too-few-seeds", compare.span(), "a paired comparison needs at least 2 seeds: the experiment has 1",
                        "six seeds are the fewest whose Wilcoxon test can go below 5 % (2 / 2^6 = 3.1 %)");
                ok = false;
            }
            if (ok) {
                out.add(new CheckedExperiment.Comparison(compare.left().text(), compare.right().text(), compare.split().text(),
                        compare.metric().text()));
            }
        }
        return out;
    }
}
