package dev.prune.plan;

import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.CheckedExperiment.Cell;
import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Origin;
import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans every cell of an experiment with the {@link Planner}, so that a stage two cells have in common has one
 * hash. Two things exist only in an experiment and are added here:
 * <ul>
 *   <li>a variant matched in cost: its search stage names the searched set it matches (the reference cell's
 *       search hash) and the tolerance, and so do the hashes of that stage and of every stage after it;</li>
 *   <li>the control: the baseline stage of its recipe, then a {@link StageKind#TRAIN_LONGER} stage that trains
 *       the baseline on, with the baseline's settings, for the supernet's and the subnet's lengths together.</li>
 * </ul>
 */
public final class ExperimentPlanner {

    private ExperimentPlanner() {
    }

    public static ExperimentPlan plan(CheckedExperiment experiment) {
        List<ExperimentPlan.CellPlan> cells = new ArrayList<>();
        Map<String, Plan> searched = new LinkedHashMap<>();
        for (Cell cell : experiment.cells()) {
            if (experiment.control().filter(cell.variant()::equals).isPresent()) {
                continue;
            }
            Plan plan = Planner.plan(cell.recipe());
            searched.put(cell.variant() + "/" + cell.seed(), plan);
            cells.add(new ExperimentPlan.CellPlan(cell, plan));
        }
        List<ExperimentPlan.CellPlan> planned = new ArrayList<>();
        for (ExperimentPlan.CellPlan cellPlan : cells) {
            Cell cell = cellPlan.cell();
            var match = experiment.matchOf(cell.variant());
            if (match.isPresent()) {
                Plan reference = searched.get(match.get().reference() + "/" + cell.seed());
                planned.add(new ExperimentPlan.CellPlan(cell, matched(cellPlan.plan(), reference, match.get().percent())));
            } else {
                planned.add(cellPlan);
            }
        }
        for (Cell cell : experiment.cells()) {
            if (experiment.control().filter(cell.variant()::equals).isPresent()) {
                planned.add(new ExperimentPlan.CellPlan(cell, control(cell.recipe(), cell.seed())));
            }
        }
        return new ExperimentPlan(experiment, planned);
    }

    /** The plan with its search matched in MACs to {@code reference}'s chosen set; later stages' hashes follow. */
    private static Plan matched(Plan plan, Plan reference, double percent) {
        String referenceHash = reference.stage("search").orElseThrow().hash();
        String key = "match macs within " + Json.number(percent) + "% of search " + referenceHash;
        Set<String> changed = new java.util.HashSet<>(Set.of("search"));
        List<Stage> stages = new ArrayList<>();
        for (Stage stage : plan.stages()) {
            boolean affected = changed.contains(stage.name()) || stage.inputs().stream().anyMatch(changed::contains);
            if (!affected) {
                stages.add(stage);
                continue;
            }
            changed.add(stage.name());
            Map<String, Resolved> params = new LinkedHashMap<>(stage.params());
            if (stage.name().equals("search")) {
                Origin derived = new Origin(Origin.Kind.DERIVED, dev.prune.lang.Span.NONE);
                params.put("search.match.macs_within", new Resolved(new Value.Num(percent, Unit.PERCENT), derived));
                params.put("search.match.search", new Resolved(new Value.Str(referenceHash), derived));
            }
            stages.add(new Stage(stage.name(), stage.kind(), stage.inputs(), stage.uses(), params,
                    Planner.sha256(stage.hash() + "\n" + key)));
        }
        return new Plan(plan.recipe(), plan.file(), plan.shared(), plan.transform(), plan.rules(), stages);
    }

    /**
     * The control's plan: the recipe's baseline, then the baseline trained on for the supernet's and the
     * subnet's lengths (each as written, in epochs or steps; the runtime adds them up in steps).
     */
    private static Plan control(CheckedRecipe recipe, long seed) {
        Plan full = Planner.plan(recipe);
        Stage baseline = full.stage("baseline").orElseThrow();
        // The baseline's optimizer, schedule and loss settings, as a training stage of its own (`train.longer`).
        Map<String, Resolved> params = new LinkedHashMap<>();
        recipe.under("train.baseline").forEach((path, value) -> {
            if (!path.equals("epochs") && !path.equals("steps") && !path.equals("seed") && !path.isEmpty()) {
                params.put("train.longer." + path, value);
            }
        });
        // The checker made sure both lengths are in one unit: epochs if the supernet's are.
        String unit = recipe.params().containsKey("train.subnet.epochs") ? "epochs" : "steps";
        double length = 0;
        for (String stage : List.of("train.supernet", "train.subnet")) {
            if (recipe.params().containsKey(stage + "." + unit)) {
                length += ((Value.Num) recipe.value(stage + "." + unit)).value();
            }
        }
        Origin derived = new Origin(Origin.Kind.DERIVED, dev.prune.lang.Span.NONE);
        params.put("train.longer." + unit, new Resolved(new Value.Num(length, Unit.NONE), derived));
        params.put("train.longer.seed", new Resolved(new Value.Num(seed, Unit.NONE), derived));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("plan_version", Plan.FORMAT_VERSION);
        content.put("stage", "longer");
        content.put("kind", StageKind.TRAIN_LONGER.id());
        content.put("params", PlanJson.values(params));
        content.put("inputs", Map.of("baseline", baseline.hash()));
        Stage longer = new Stage("longer", StageKind.TRAIN_LONGER, List.of("baseline"), List.of("seed", "model", "data"), params,
                Planner.sha256(Json.compact(content)));
        return new Plan(full.recipe(), full.file(), full.shared(), full.transform(), full.rules(), List.of(baseline, longer));
    }
}
