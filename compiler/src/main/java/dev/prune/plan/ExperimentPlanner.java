package dev.prune.plan;

import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.CheckedExperiment.Cell;
import dev.prune.lang.CheckedRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
            List<Param> params = new ArrayList<>(stage.params());
            if (stage.name().equals("search")) {
                params.add(Param.scalar(MATCH_PERCENT, percent, Json.number(percent) + "%", DERIVED, ""));
                params.add(Param.scalar(MATCH_SEARCH, referenceHash, referenceHash, DERIVED, ""));
            }
            stages.add(new Stage(stage.name(), stage.kind(), stage.inputs(), stage.uses(), params,
                    Planner.sha256(stage.hash() + "\n" + key)));
        }
        return plan.withStages(stages, Optional.empty());
    }

    /** The path of a matched search's tolerance in percent, among its stage's params. */
    public static final String MATCH_PERCENT = "search.match.macs_within";
    /** The path of the hash of the search a matched search matches. */
    public static final String MATCH_SEARCH = "search.match.search";
    private static final String DERIVED = "derived (experiment)";

    /**
     * The control's plan: the recipe's baseline, then the baseline trained on for the supernet's and the
     * subnet's lengths (each as written, in epochs or steps; the runtime adds them up in steps). It continues from
     * the trained baseline however many epochs that took: with {@code until converged} the count is known only
     * once the baseline ran, and the control's own length does not depend on it, nor does its stopping rule
     * carry over (it trains exactly as long as the pruned variants train after the baseline).
     */
    private static Plan control(CheckedRecipe recipe, long seed) {
        Plan full = Planner.plan(recipe);
        Stage baseline = full.stage("baseline").orElseThrow();
        TrainSpec trained = full.baseline()
                .orElseThrow(() -> new IllegalStateException("the checker requires train baseline in a control"));
        // The checker made sure both lengths are in one unit.
        Duration subnet = full.subnet().length();
        double amount = subnet.amount() + full.supernet().map(s -> s.length().amount()).orElse(0.0);
        Duration length = subnet.unit() == Duration.Per.EPOCHS ? Duration.epochs(amount) : Duration.steps(Math.round(amount));
        // The baseline's optimizer, schedule and loss settings, as a training stage of its own (`train.longer`).
        TrainSpec longer = new TrainSpec("longer", length, trained.optimizer(), trained.schedule(), trained.labelSmoothing(),
                trained.clipGrad(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.of(seed), Optional.empty());
        List<Param> params = new ArrayList<>();
        for (Param p : baseline.params()) {
            if (p.path().startsWith("train.baseline.") && !p.path().endsWith(".epochs") && !p.path().endsWith(".steps")
                    && !p.path().equals("train.baseline.seed") && !p.path().equals("train.baseline.until")) {
                params.add(renamed(p, "train.baseline", "train.longer"));
            }
        }
        String unit = length.unit() == Duration.Per.EPOCHS ? "epochs" : "steps";
        params.add(Param.scalar("train.longer." + unit, amount, Json.number(amount), DERIVED, ""));
        params.add(Param.scalar("train.longer.seed", seed, Long.toString(seed), DERIVED, ""));
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach(p -> values.put(p.path(), p.hashed()));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("plan_version", Plan.FORMAT_VERSION);
        content.put("stage", "longer");
        content.put("kind", StageKind.TRAIN_LONGER.id());
        content.put("params", values);
        content.put("inputs", Map.of("baseline", baseline.hash()));
        Stage stage = new Stage("longer", StageKind.TRAIN_LONGER, List.of("baseline"), List.of("seed", "model", "data"), params,
                Planner.sha256(Json.compact(content)));
        return full.withStages(List.of(baseline, stage), Optional.of(longer));
    }

    private static Param renamed(Param p, String from, String to) {
        return new Param(to + p.path().substring(from.length()), p.json(), p.shown(), p.from(), p.at(), p.call(),
                p.args().stream().map(a -> renamed(a, from, to)).toList(), p.file());
    }
}
