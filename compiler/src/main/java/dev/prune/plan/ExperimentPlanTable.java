package dev.prune.plan;

import dev.prune.lang.CheckedExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's grid for people: a row per cell, a column per stage with its short hash. A hash that
 * appears in several rows is one stage, computed once; the last lines count what the grid runs.
 */
public final class ExperimentPlanTable {

    private ExperimentPlanTable() {
    }

    public static String render(ExperimentPlan plan) {
        CheckedExperiment experiment = plan.experiment();
        StringBuilder out = new StringBuilder();
        out.append("experiment ").append(experiment.name()).append(" on recipe ").append(experiment.recipe().name())
                .append(" (").append(experiment.file()).append(")\n");
        out.append("seeds ").append(String.join(", ", experiment.seeds().stream().map(String::valueOf).toList()))
                .append(" for ").append(String.join(", ", experiment.seedStages())).append('\n');
        out.append("variants ").append(String.join(", ", experiment.variants()));
        experiment.control().ifPresent(c -> out.append("; control ").append(c).append(" (the baseline trained on)"));
        out.append('\n');
        for (CheckedExperiment.Match match : experiment.matches()) {
            out.append("variant ").append(match.variant()).append(": each draw's MACs within ").append(Json.number(match.percent()))
                    .append("% of the set ").append(match.reference()).append(" chose\n");
        }
        out.append('\n');
        List<String> stages = plan.stageNames();
        Map<String, Integer> uses = new LinkedHashMap<>();
        plan.cells().forEach(c -> c.plan().stages().forEach(s -> uses.merge(s.hash(), 1, Integer::sum)));
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("cell"));
        header.addAll(stages);
        rows.add(header.toArray(String[]::new));
        for (ExperimentPlan.CellPlan cell : plan.cells()) {
            List<String> row = new ArrayList<>(List.of(cell.label()));
            for (String name : stages) {
                row.add(cell.plan().stage(name).map(s -> s.shortHash() + (uses.get(s.hash()) > 1 ? "*" : "")).orElse("-"));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length())).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("(* a stage that several cells share: it runs once)\n\n");
        Map<String, Integer> perStage = new LinkedHashMap<>();
        plan.distinctStages().values().forEach(name -> perStage.merge(name, 1, Integer::sum));
        int total = plan.cells().stream().mapToInt(c -> c.plan().stages().size()).sum();
        out.append(plan.cells().size()).append(" cells, ").append(total).append(" cell stages, ").append(plan.distinctStages().size())
                .append(" to run: ");
        List<String> counts = new ArrayList<>();
        perStage.forEach((name, count) -> counts.add(name + " " + count));
        out.append(String.join(", ", counts)).append('\n');
        for (CheckedExperiment.Comparison comparison : experiment.comparisons()) {
            out.append("compare ").append(comparison.title()).append(", paired over ").append(experiment.seeds().size())
                    .append(" seeds\n");
        }
        return out.toString();
    }

    /** The grid as JSON: each cell with its variant, draw, seed and whole plan. */
    public static String json(ExperimentPlan plan) {
        CheckedExperiment experiment = plan.experiment();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", experiment.name());
        out.put("file", experiment.file());
        out.put("recipe", experiment.recipe().name());
        out.put("seeds", experiment.seeds().stream().map(s -> (Object) s).toList());
        out.put("seed_stages", experiment.seedStages());
        out.put("variants", experiment.variants());
        out.put("control", experiment.control().orElse(null));
        List<Object> matches = new ArrayList<>();
        for (CheckedExperiment.Match match : experiment.matches()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", match.variant());
            m.put("reference", match.reference());
            m.put("macs_within_percent", match.percent());
            matches.add(m);
        }
        out.put("matches", matches);
        List<Object> comparisons = new ArrayList<>();
        for (CheckedExperiment.Comparison c : experiment.comparisons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("left", c.left());
            m.put("right", c.right());
            m.put("split", c.split());
            m.put("metric", c.metric());
            comparisons.add(m);
        }
        out.put("comparisons", comparisons);
        List<Object> cells = new ArrayList<>();
        for (ExperimentPlan.CellPlan cell : plan.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", cell.cell().variant());
            m.put("draw", cell.cell().draw());
            m.put("seed", cell.cell().seed());
            m.put("plan", PlanJson.toMap(cell.plan()));
            cells.add(m);
        }
        out.put("cells", cells);
        return Json.pretty(out);
    }
}
