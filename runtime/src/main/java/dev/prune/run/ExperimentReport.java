package dev.prune.run;

import dev.prune.io.AtomicFiles;
import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.CheckedExperiment.Cell;
import dev.prune.lang.CheckedExperiment.Comparison;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.Json;
import dev.prune.plan.Param;
import dev.prune.plan.Stage;
import dev.prune.report.ExperimentChart;
import dev.prune.report.JsonFields;
import dev.prune.report.JsonReader;
import dev.prune.report.PrunedAtOnce;
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
 * the mean of its draws in a seed's pair, and each draw gets its own McNemar test. Two diagnostics: each cell's
 * set pruned at once before subnet training ({@link PrunedAtOnce}), and the rank correlation between the search's
 * score of each trained set and its final top-1 ({@link SearchScoreCorrelation}); and each baseline's epochs.
 */
final class ExperimentReport {

    record Files(Path json, Path markdown) {
    }

    /** One run's figure and predictions; for a pruned cell, also the search's score of its set ({@code point}, else null). */
    private record Run(Cell cell, Map<String, Object> figures, double top1, boolean[] correct, SearchScoreCorrelation.Point point) {
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
            cell.put(PrunedAtOnce.KEY, run.figures().get(PrunedAtOnce.KEY));
            cell.put("search_score", run.point() == null ? null : run.point().searchScore());
            cell.put("summary", run.figures());
            cells.add(cell);
        }
        json.put("cells", cells);
        StringBuilder md = new StringBuilder();
        md.append("# Experiment ").append(experiment.name()).append("\n\n");
        md.append("Recipe `").append(experiment.recipe().name()).append("`, seeds ")
                .append(String.join(", ", experiment.seeds().stream().map(String::valueOf).toList())).append(" (given to ")
                .append(String.join(", ", experiment.seedStages())).append(").\n\n");
        baselines(runs, md);
        md.append("## Cells\n\nλ = 1 before training: the cell's set pruned at once from the subnet's starting weights, BatchNorm "
                + "recalibrated as the search does, before any subnet training (how far pruning at once drops).\n\n"
                + "| variant | draw | seed | test top-1 | λ = 1 before training (test) | MACs (merged / baseline) | pruned blocks |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            Object macs = run.figures().get("macs_merged");
            Object baseMacs = run.figures().get("macs_baseline");
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f %% | %s | %s | %s |\n", run.cell().variant(),
                    run.cell().draw() == 0 ? "" : String.valueOf(run.cell().draw()), run.cell().seed(), 100 * run.top1(),
                    atOnceTest(run.figures()), macs == null ? "" : macs + " / " + baseMacs, run.figures().getOrDefault("pruned_blocks", "")));
        }
        List<Object> comparisons = new ArrayList<>();
        for (Comparison comparison : experiment.comparisons()) {
            comparisons.add(compare(comparison, experiment, runs, md));
        }
        json.put("comparisons", comparisons);
        json.put("rank_correlation", rankCorrelation(runs, md));
        json.put("compute_seconds", compute(plan, roots, md));
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

    /** The λ = 1 before-training test top-1 of a cell's summary, or empty when it has none (the control, an older run). */
    private static String atOnceTest(Map<String, Object> figures) {
        return figures.get(PrunedAtOnce.KEY) instanceof Map<?, ?> atOnce && atOnce.get("test_top1") instanceof Number top1
                ? String.format(Locale.ROOT, "%.2f %%", 100 * top1.doubleValue()) : "";
    }

    /** Each distinct baseline the cells start from: how many epochs it trained, whether its stopping rule held, its curve. */
    private static void baselines(List<Run> runs, StringBuilder md) {
        Map<Object, Map<String, Object>> seen = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.point() != null && run.figures().get("stage_folders") instanceof Map<?, ?> folders) {
                seen.putIfAbsent(folders.get("baseline"), run.figures());
            }
        }
        if (seen.isEmpty()) {
            return;
        }
        md.append("## Baseline\n\n| baseline | epochs | until converged | val top-1 by epoch |\n|---|---|---|---|\n");
        seen.forEach((folder, figures) -> {
            Object converged = figures.get("baseline_converged");
            List<String> curve = new ArrayList<>();
            if (figures.get("baseline_val_curve") instanceof List<?> points) {
                points.forEach(v -> curve.add(String.format(Locale.ROOT, "%.2f", 100 * ((Number) v).doubleValue())));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |\n", folder, figures.getOrDefault("baseline_epochs", ""),
                    converged == null ? "no rule" : Boolean.TRUE.equals(converged) ? "held" : "not reached: stopped at its length",
                    String.join(", ", curve)));
        });
        md.append('\n');
    }

    /**
     * The computing each kind of stage took: every distinct stage once (by hash: a stage several cells share counts
     * once), its seconds as its {@code done.json} records them, wherever it ran. Stages that ran side by side (two
     * cells at a time) overlap, so the total is computing time, not the wall time of the run.
     */
    private static Map<String, Object> compute(ExperimentPlan plan, Map<ExperimentPlan.CellPlan, Path> roots, StringBuilder md) throws IOException {
        Map<String, Map<String, Double>> byKind = new LinkedHashMap<>();
        for (ExperimentPlan.CellPlan cell : plan.cells()) {
            RunLayout layout = new RunLayout(roots.get(cell));
            for (Stage stage : cell.plan().stages()) {
                Map<String, Double> seen = byKind.computeIfAbsent(stage.name(), k -> new LinkedHashMap<>());
                if (!seen.containsKey(stage.hash())) {
                    Object seconds = JsonReader.parseObject(java.nio.file.Files.readString(layout.done(stage))).get("seconds");
                    seen.put(stage.hash(), seconds instanceof Number n ? n.doubleValue() : Double.NaN);
                }
            }
        }
        md.append("\n## Compute\n\nEach distinct stage once (a stage several cells share counts once), its seconds as its `done.json` "
                + "records them. Stages that ran side by side overlap: the total is computing time, not the run's wall time.\n\n"
                + "| stage | distinct | minutes | minutes each (mean) |\n|---|---|---|---|\n");
        Map<String, Object> out = new LinkedHashMap<>();
        double total = 0;
        for (var kind : byKind.entrySet()) {
            double sum = kind.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            total += sum;
            out.put(kind.getKey(), sum);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f |\n", kind.getKey(), kind.getValue().size(), sum / 60,
                    sum / 60 / kind.getValue().size()));
        }
        out.put("total", total);
        md.append(String.format(Locale.ROOT, "| total | %d | %.1f | |\n", byKind.values().stream().mapToInt(Map::size).sum(), total / 60));
        return out;
    }

    /** Spearman's ρ and Kendall's τ-b between the search's score of each trained set and its final test top-1 ({@link SearchScoreCorrelation}). */
    private static List<Object> rankCorrelation(List<Run> runs, StringBuilder md) {
        List<SearchScoreCorrelation.Group> groups = SearchScoreCorrelation.of(
                runs.stream().map(Run::point).filter(java.util.Objects::nonNull).toList());
        md.append("\n## Search score against final top-1\n\n");
        if (groups.isEmpty()) {
            md.append("No cells that trained alike trained two different sets: no rank correlation (a variant with random draws "
                    + "gives one).\n");
            return List.of();
        }
        md.append("Over the distinct sets trained alike (the same subnet settings but the seed), each set's search score and test "
                + "top-1 averaged over its seeds.\n\n| variants | score | sets | Spearman ρ | Kendall τ-b |\n|---|---|---|---|---|\n");
        List<Object> out = new ArrayList<>();
        for (SearchScoreCorrelation.Group g : groups) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |\n", String.join(", ", g.variants()), g.score(), g.sets().size(),
                    coefficient(g.correlation().spearman()), coefficient(g.correlation().kendall())));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variants", g.variants());
            entry.put("score", g.score());
            entry.put("sets", g.sets().size());
            entry.put("spearman", finiteOrNull(g.correlation().spearman()));
            entry.put("kendall_tau_b", finiteOrNull(g.correlation().kendall()));
            List<Object> points = new ArrayList<>();
            for (SearchScoreCorrelation.SetPoint p : g.sets()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("blocks", p.blocks());
                point.put("search_score", p.searchScore());
                point.put("test_top1", p.testTop1());
                point.put("cells", p.cells());
                points.add(point);
            }
            entry.put("points", points);
            out.add(entry);
        }
        return out;
    }

    private static String coefficient(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.3f", value) : "undefined (a constant)";
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
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
            return new Run(cell.cell(), done, TestPredictions.top1(correct), correct, null);
        }
        Map<String, Object> summary = JsonReader.parseObject(java.nio.file.Files.readString(layout.summary()));
        Stage merge = cell.plan().stage("merge").orElseThrow();
        boolean[] correct = TestPredictions.read(layout.stage(merge).resolve(TestPredictions.FILE));
        double top1 = TestPredictions.top1(correct);
        StageDone.Search search = StageDone.Search.read(new JsonFields(
                JsonReader.parseObject(java.nio.file.Files.readString(layout.done(cell.plan().stage("search").orElseThrow())))));
        return new Run(cell.cell(), summary, top1, correct, point(cell, search, top1));
    }

    /** The cell as a point of the rank correlation: how its subnet trained (all but its seed), its set and the search's score of it. */
    private static SearchScoreCorrelation.Point point(ExperimentPlan.CellPlan cell, StageDone.Search search, double top1) {
        Map<String, Object> training = new java.util.TreeMap<>();
        for (Param p : cell.plan().stage("subnet").orElseThrow().params()) {
            if (!p.path().equals("train.subnet.seed")) {
                training.put(p.path(), p.plain());
            }
        }
        // Higher is better for both scores: a loss counts negated.
        double score = search.score().equals("loss") ? -search.chosenLoss() : search.chosenTop1();
        List<String> blocks = search.chosen().stream().sorted().toList();
        return new SearchScoreCorrelation.Point(cell.cell().variant(), Json.compact(training), search.score() + " on " + search.split(),
                blocks, score, top1);
    }
}
