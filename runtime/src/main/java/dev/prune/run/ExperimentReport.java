package dev.prune.run;

import dev.prune.io.AtomicFiles;
import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.CheckedExperiment.Cell;
import dev.prune.lang.CheckedExperiment.Comparison;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.Json;
import dev.prune.plan.Stage;
import dev.prune.report.ExperimentChart;
import dev.prune.report.JsonReader;
import dev.prune.stats.McNemarTest;
import dev.prune.stats.MeanInterval;
import dev.prune.stats.Paired;
import dev.prune.stats.SignedRankTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment's results: per cell the figures of its {@code summary.json} (the control: its stage's), per
 * comparison the paired differences by seed with their mean, 95 % t-interval and Wilcoxon signed-rank p, and
 * per seed an exact McNemar test on the two models' per-example test predictions. A variant with draws counts
 * the mean of its draws in a seed's pair, and each draw gets its own McNemar test.
 */
final class ExperimentReport {

    record Files(Path json, Path markdown) {
    }

    /** One run's figure and predictions. */
    private record Run(Cell cell, Map<String, Object> figures, double top1, boolean[] correct) {
    }

    private ExperimentReport() {
    }

    static Files write(ExperimentPlan plan, Map<ExperimentPlan.CellPlan, Path> roots, Path dir) throws IOException {
        CheckedExperiment experiment = plan.experiment();
        List<Run> runs = new ArrayList<>();
        for (ExperimentPlan.CellPlan cell : plan.cells()) {
            runs.add(read(cell, roots.get(cell)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", experiment.name());
        json.put("recipe", experiment.recipe().name());
        json.put("seeds", experiment.seeds().stream().map(s -> (Object) s).toList());
        List<Object> cells = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("variant", run.cell().variant());
            cell.put("draw", run.cell().draw());
            cell.put("seed", run.cell().seed());
            cell.put("folder", dir.relativize(roots.get(cellPlan(plan, run.cell()))).toString());
            cell.put("test_top1", run.top1());
            cell.put("summary", run.figures());
            cells.add(cell);
        }
        json.put("cells", cells);
        StringBuilder md = new StringBuilder();
        md.append("# Experiment ").append(experiment.name()).append("\n\n");
        md.append("Recipe `").append(experiment.recipe().name()).append("`, seeds ")
                .append(String.join(", ", experiment.seeds().stream().map(String::valueOf).toList())).append(" (given to ")
                .append(String.join(", ", experiment.seedStages())).append(").\n\n");
        md.append("## Cells\n\n| variant | draw | seed | test top-1 | MACs (merged / baseline) | pruned blocks |\n|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            Object macs = run.figures().get("macs_merged");
            Object baseMacs = run.figures().get("macs_baseline");
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f %% | %s | %s |\n", run.cell().variant(),
                    run.cell().draw() == 0 ? "" : String.valueOf(run.cell().draw()), run.cell().seed(), 100 * run.top1(),
                    macs == null ? "" : macs + " / " + baseMacs, run.figures().getOrDefault("pruned_blocks", "")));
        }
        List<Object> comparisons = new ArrayList<>();
        for (Comparison comparison : experiment.comparisons()) {
            comparisons.add(compare(comparison, experiment, runs, md));
        }
        json.put("comparisons", comparisons);
        md.append("\n## Plots\n\n");
        for (String variant : variantsAndControl(experiment)) {
            List<Run> own = runs.stream().filter(r -> r.cell().variant().equals(variant)).toList();
            Path png = dir.resolve("plots").resolve(variant + ".png");
            ExperimentChart.write(variant, own.stream().map(r -> (double) r.cell().seed()).toList(), own.stream().map(Run::top1).toList(), png);
            md.append("![").append(variant).append("](plots/").append(variant).append(".png)\n");
        }
        Path jsonFile = dir.resolve("experiment.json");
        Path mdFile = dir.resolve("experiment.md");
        AtomicFiles.write(jsonFile, Json.pretty(json));
        AtomicFiles.write(mdFile, md.toString());
        return new Files(jsonFile, mdFile);
    }

    private static Map<String, Object> compare(Comparison comparison, CheckedExperiment experiment, List<Run> runs, StringBuilder md) {
        md.append("\n## ").append(comparison.title()).append(", paired by seed\n\n");
        md.append("| seed | ").append(comparison.left()).append(" | ").append(comparison.right())
                .append(" | difference (points) | McNemar b / c, exact p |\n|---|---|---|---|---|\n");
        List<Long> seeds = experiment.seeds();
        double[] left = new double[seeds.size()];
        double[] right = new double[seeds.size()];
        List<Object> perSeed = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            List<Run> a = runsOf(runs, comparison.left(), seed);
            List<Run> b = runsOf(runs, comparison.right(), seed);
            left[i] = a.stream().mapToDouble(Run::top1).average().orElseThrow();
            right[i] = b.stream().mapToDouble(Run::top1).average().orElseThrow();
            List<Object> tests = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (Run x : a) {
                for (Run y : b) {
                    McNemarTest.Result t = McNemarTest.test(x.correct(), y.correct());
                    Map<String, Object> test = new LinkedHashMap<>();
                    test.put("left_draw", x.cell().draw());
                    test.put("right_draw", y.cell().draw());
                    test.put("examples", t.n());
                    test.put("b", t.b());
                    test.put("c", t.c());
                    test.put("p", t.p());
                    tests.add(test);
                    shown.add(String.format(Locale.ROOT, "%d / %d, p = %.3g", t.b(), t.c(), t.p()));
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seed", seed);
            entry.put("left", left[i]);
            entry.put("right", right[i]);
            entry.put("difference", left[i] - right[i]);
            entry.put("mcnemar", tests);
            perSeed.add(entry);
            md.append(String.format(Locale.ROOT, "| %d | %.2f %% | %.2f %% | %+.2f | %s |\n", seed, 100 * left[i], 100 * right[i],
                    100 * (left[i] - right[i]), String.join("; ", shown)));
        }
        double[] differences = Paired.differences(left, right);
        double[] points = java.util.Arrays.stream(differences).map(d -> 100 * d).toArray();
        MeanInterval interval = MeanInterval.of(points, 0.95);
        SignedRankTest.Result wilcoxon = SignedRankTest.test(points);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("left", comparison.left());
        out.put("right", comparison.right());
        out.put("split", comparison.split());
        out.put("metric", comparison.metric());
        out.put("per_seed", perSeed);
        out.put("mean_difference_points", interval.mean());
        out.put("ci95_points", List.of(interval.low(), interval.high()));
        out.put("sd_points", interval.sd());
        out.put("t", interval.t());
        out.put("wilcoxon_p", wilcoxon.p());
        out.put("wilcoxon_pairs_used", wilcoxon.used());
        String verdict = interval.above(0) ? "the interval lies above 0" : interval.high() < 0 ? "the interval lies below 0"
                : "the interval contains 0: no difference shown";
        md.append(String.format(Locale.ROOT, "\nMean difference %+.2f points, 95 %% t-interval [%+.2f, %+.2f] (%d seeds, t = %.3f); "
                        + "Wilcoxon signed-rank p = %.4g (%d non-zero pairs, exact). %s.\n", interval.mean(), interval.low(), interval.high(),
                seeds.size(), interval.t(), wilcoxon.p(), wilcoxon.used(), verdict.substring(0, 1).toUpperCase(Locale.ROOT) + verdict.substring(1)));
        return out;
    }

    private static List<Run> runsOf(List<Run> runs, String variant, long seed) {
        return runs.stream().filter(r -> r.cell().variant().equals(variant) && r.cell().seed() == seed).toList();
    }

    private static List<String> variantsAndControl(CheckedExperiment experiment) {
        List<String> out = new ArrayList<>(experiment.variants());
        experiment.control().ifPresent(out::add);
        return out;
    }

    private static ExperimentPlan.CellPlan cellPlan(ExperimentPlan plan, Cell cell) {
        return plan.cells().stream().filter(c -> c.cell().equals(cell)).findFirst().orElseThrow();
    }

    /** A pruned cell: its summary.json and the merged model's predictions; the control: its stage's. */
    private static Run read(ExperimentPlan.CellPlan cell, Path root) throws IOException {
        RunLayout layout = new RunLayout(root);
        if (cell.plan().stage("longer").isPresent()) {
            Stage longer = cell.plan().stage("longer").orElseThrow();
            Map<String, Object> done = JsonReader.parseObject(java.nio.file.Files.readString(layout.done(longer)));
            boolean[] correct = TestPredictions.read(layout.stage(longer).resolve(TestPredictions.FILE));
            return new Run(cell.cell(), done, TestPredictions.top1(correct), correct);
        }
        Map<String, Object> summary = JsonReader.parseObject(java.nio.file.Files.readString(layout.summary()));
        Stage merge = cell.plan().stage("merge").orElseThrow();
        boolean[] correct = TestPredictions.read(layout.stage(merge).resolve(TestPredictions.FILE));
        return new Run(cell.cell(), summary, TestPredictions.top1(correct), correct);
    }
}
