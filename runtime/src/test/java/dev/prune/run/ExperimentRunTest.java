package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny experiment run end to end with {@code prune run}: 2 variants by 2 seeds, a cost-matched random draw
 * and the control, on a tiny ConvNeXt and the shipped Fashion-MNIST subset. Stages the cells share run once;
 * a second run trains nothing. The baseline trains until converged with a delta no move of top-1 reaches
 * (100 points), so it stops after the fewest epochs the rule can measure: 2 of at most 3.
 */
class ExperimentRunTest {

    @TempDir
    Path dir;

    /** TinyRecipes' ConvNeXt, smaller still: 6 training batches an epoch, one timed run of the export. */
    static String recipe(Path onnx) {
        return """
            prune 1
            import std.updp

            recipe tiny_convnext {
              seed 3
              model convnext(depths: [1, 1, 2, 1], dims: [8, 16, 32, 64]) {
                input [1, 28, 28]
                classes 10
              }
              data fashion_mnist("%s", max_train: 448, max_test: 128) {
                batch 64
                val 64
              }
              train baseline {
                epochs 3
                until converged(delta: 100, over: 1 epochs)
              }
              space {
                blocks "features.5.*"
                prune 1
                transform updp.block
              }
              train supernet { epochs 1 }
              search exhaustive { recalibrate 2 batches }
              train subnet {
                epochs 1
                progressive linear(until: 0.5 epochs)
                init baseline
              }
              merge updp.merge
              export onnx("%s") {
                bench batch [1]
                runs 1
              }
            }
            """.formatted(TinyRecipes.DATA, onnx);
    }

    private static final String EXPERIMENT = """

            experiment ablation on tiny_convnext {
              seeds 1, 2
              variant updp {}
              variant direct { train.subnet.progressive = immediate }
              variant random {
                search = random
                search.population = 1
                draws 1
                macs within 50% of updp
              }
              control longer
              compare updp - direct on test top1 paired
              compare updp - random on test top1 paired
              compare updp - longer on test top1 paired
            }
            """;

    private String run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "exp.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);
        return log;
    }

    /** Stage folders that hold a computation (links to another cell's folder excluded), by stage name. */
    private long computed(Path root, String stage) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve("cells"), 3)) {
            return walk.filter(p -> p.getFileName().toString().startsWith(stage + "-") && !Files.isSymbolicLink(p)
                    && Files.exists(p.resolve("done.json"))).count();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTinyGridRunsEndToEndAndASecondRunTrainsNothing() throws Exception {
        Files.writeString(dir.resolve("exp.prune"), recipe(dir.resolve("tiny.onnx")) + EXPERIMENT);
        String first = run();
        Path root = dir.resolve("runs").resolve("ablation");
        assertEquals(1, computed(root, "baseline"), first);
        assertEquals(1, computed(root, "supernet"), first);
        assertEquals(2, computed(root, "search"), "updp's search, shared by direct, and the random draw's: " + first);
        assertEquals(6, computed(root, "subnet"), first);
        assertEquals(2, computed(root, "longer"), first);

        Map<String, Object> results = JsonReader.parseObject(Files.readString(root.resolve("experiment.json")));
        List<Object> cells = (List<Object>) results.get("cells");
        assertEquals(8, cells.size());
        List<Object> comparisons = (List<Object>) results.get("comparisons");
        assertEquals(3, comparisons.size());
        for (Object c : comparisons) {
            Map<String, Object> comparison = (Map<String, Object>) c;
            List<Object> perSeed = (List<Object>) comparison.get("per_seed");
            assertEquals(2, perSeed.size());
            List<Object> interval = (List<Object>) comparison.get("ci95_points");
            double mean = ((Number) comparison.get("mean_difference_points")).doubleValue();
            assertTrue(((Number) interval.get(0)).doubleValue() <= mean && mean <= ((Number) interval.get(1)).doubleValue());
            double p = ((Number) comparison.get("wilcoxon_p")).doubleValue();
            assertTrue(p > 0 && p <= 1);
            for (Object s : perSeed) {
                Map<String, Object> mcnemar = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) s).get("mcnemar")).get(0);
                assertEquals(128, ((Number) mcnemar.get("examples")).intValue(), "the whole test split, per example");
            }
        }
        String md = Files.readString(root.resolve("experiment.md"));
        assertTrue(md.contains("updp - direct on test top1") && md.contains("Wilcoxon"), md);
        for (String variant : List.of("updp", "direct", "random", "longer")) {
            assertTrue(Files.size(root.resolve("plots").resolve(variant + ".png")) > 0, variant);
        }

        // The subnet starts from the baseline (init baseline, written), and the two seeds train it on different data orders.
        Path updp1 = root.resolve("cells/updp-seed1/tiny_convnext");
        Path updp2 = root.resolve("cells/updp-seed2/tiny_convnext");
        Path subnet1 = onlyFolder(updp1, "subnet-");
        Path subnet2 = onlyFolder(updp2, "subnet-");
        assertEquals("baseline", JsonReader.parseObject(Files.readString(subnet1.resolve("done.json"))).get("init"));
        assertNotEquals(Files.readString(subnet1.resolve("metrics.jsonl")).lines().filter(l -> l.contains("\"loss\"")).findFirst(),
                Files.readString(subnet2.resolve("metrics.jsonl")).lines().filter(l -> l.contains("\"loss\"")).findFirst());
        Map<String, Object> search = JsonReader.parseObject(Files.readString(onlyFolder(updp1, "search-").resolve("done.json")));
        assertEquals(64, ((Number) search.get("val_examples")).intValue());
        assertTrue(first.contains("BatchNorm recalibrated on 2 batches"), first);
        assertTrue(Files.exists(dir.resolve("tiny.updp.seed1.onnx")) && Files.exists(dir.resolve("tiny.direct.seed2.onnx")),
                "each cell exports its own model");

        // Compute: every distinct stage once, its done.json seconds: the one baseline, the 2 searches, the 6 subnets.
        Map<String, Object> compute = (Map<String, Object>) results.get("compute_seconds");
        double baselineSeconds = ((Number) JsonReader.parseObject(Files.readString(onlyFolder(updp1, "baseline-").resolve("done.json")))
                .get("seconds")).doubleValue();
        assertEquals(baselineSeconds, ((Number) compute.get("baseline")).doubleValue(), 1e-9, "counted once, not once per cell");
        double subnets = 0;
        try (Stream<Path> walk = Files.walk(root.resolve("cells"), 3)) {
            for (Path stage : walk.filter(p -> p.getFileName().toString().startsWith("subnet-") && !Files.isSymbolicLink(p)).toList()) {
                subnets += ((Number) JsonReader.parseObject(Files.readString(stage.resolve("done.json"))).get("seconds")).doubleValue();
            }
        }
        assertEquals(subnets, ((Number) compute.get("subnet")).doubleValue(), 1e-6);
        double total = compute.entrySet().stream().filter(e -> !e.getKey().equals("total"))
                .mapToDouble(e -> ((Number) e.getValue()).doubleValue()).sum();
        assertEquals(total, ((Number) compute.get("total")).doubleValue(), 1e-6);
        assertTrue(md.contains("## Compute") && md.contains("| subnet | 6 |"), md);

        convergedBaselineAndControl(root);
        prunedAtOnceIsTheStartingModelAtLambdaOne(root);
        rankCorrelationOverTheTrainedSets(results, Files.readString(root.resolve("experiment.md")));

        String second = run();
        assertTrue(second.contains(" 0 stages run, "), second);
        Map<String, Object> again = JsonReader.parseObject(Files.readString(root.resolve("experiment.json")));
        assertEquals(results.get("comparisons"), again.get("comparisons"), "the same figures from the same stages");
    }

    /** The baseline stopped at the rule, recorded its curve; the control trained on for the supernet's and the subnet's 1 + 1 epochs. */
    @SuppressWarnings("unchecked")
    private static void convergedBaselineAndControl(Path root) throws IOException {
        Path updp1 = root.resolve("cells/updp-seed1/tiny_convnext");
        Map<String, Object> baseline = JsonReader.parseObject(Files.readString(onlyFolder(updp1, "baseline-").resolve("done.json")));
        assertEquals(2, ((Number) baseline.get("epochs")).intValue(), baseline.toString());
        assertEquals(Boolean.TRUE, baseline.get("converged"));
        List<Object> curve = (List<Object>) baseline.get("val_curve");
        assertEquals(2, curve.size());
        assertEquals(((Number) curve.get(1)).doubleValue(), ((Number) baseline.get("val_top1")).doubleValue());
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(updp1.resolve("summary.json")));
        assertEquals(2, ((Number) summary.get("baseline_epochs")).intValue());
        assertEquals(Boolean.TRUE, summary.get("baseline_converged"));
        assertEquals(curve, summary.get("baseline_val_curve"));
        try (Stream<String> lines = Files.lines(onlyFolder(updp1, "baseline-").resolve("metrics.jsonl"))) {
            assertEquals(2, lines.filter(l -> l.contains("\"val_top1\"")).count(), "two epochs trained, not the three written");
        }
        Path longer1 = root.resolve("cells/longer-seed1/tiny_convnext");
        assertEquals(onlyFolder(updp1, "baseline-").toRealPath(), onlyFolder(longer1, "baseline-").toRealPath(),
                "the control continues the converged baseline the pruned cells share");
        Map<String, Object> longer = JsonReader.parseObject(Files.readString(onlyFolder(longer1, "longer-").resolve("done.json")));
        assertEquals(2, ((Number) longer.get("epochs")).intValue(), "supernet 1 + subnet 1 epochs, whatever the baseline took");
        assertTrue(longer.containsKey("converged") && longer.get("converged") == null, "the control has no stopping rule");
    }

    /**
     * The subnet stage's λ = 1 top-1 before training equals the same model rebuilt here from the files: the baseline's
     * weights (init baseline), the chosen set pruned, BatchNorm recomputed on the search's 2 recalibration batches.
     */
    @SuppressWarnings("unchecked")
    private void prunedAtOnceIsTheStartingModelAtLambdaOne(Path root) throws Exception {
        Path updp1 = root.resolve("cells/updp-seed1/tiny_convnext");
        Map<String, Object> subnet = JsonReader.parseObject(Files.readString(onlyFolder(updp1, "subnet-").resolve("done.json")));
        Map<String, Object> atOnce = (Map<String, Object>) subnet.get("lambda1_before_training");
        double val = ((Number) atOnce.get("val_top1")).doubleValue();
        double test = ((Number) atOnce.get("test_top1")).doubleValue();
        assertTrue(val >= 0 && val <= 1 && test >= 0 && test <= 1, atOnce.toString());
        assertEquals(2, ((Number) atOnce.get("recalibration_batches")).intValue());
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(updp1.resolve("summary.json")));
        assertEquals(atOnce, summary.get("lambda1_before_training"));

        dev.prune.lang.Compilation compiled = dev.prune.lang.Compiler.compile(
                new dev.prune.lang.Source(dir.resolve("exp.prune").toString(), Files.readString(dir.resolve("exp.prune"))), List.of());
        dev.prune.plan.Plan plan = dev.prune.plan.ExperimentPlanner.plan(compiled.experiments().get(0)).cells().stream()
                .filter(c -> c.label().equals("updp/seed 1")).findFirst().orElseThrow().plan();
        List<String> chosen = (List<String>) JsonReader.parseObject(Files.readString(onlyFolder(updp1, "search-").resolve("done.json")))
                .get("chosen");
        dev.prune.ir.Graph start = Weights.apply(dev.prune.rewrite.Transform.from(plan.transform()).apply(Models.baseline(plan), chosen, 0.0),
                Weights.read(onlyFolder(updp1, "baseline-").resolve("weights.bin")));
        dev.prune.data.Dataset data = dev.prune.data.Dataset.open(dev.prune.data.DataSpec.from(plan.data(), plan.seed()),
                dev.prune.data.ModelInput.from(plan.model()));
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
                dev.prune.engine.GraphModule module = new dev.prune.engine.GraphModule(start, manager)) {
            dev.prune.engine.LambdaPolicy pruned = dev.prune.engine.LambdaPolicy.constant(1f);
            long searchSeed = plan.search().seed().orElse(plan.seed());
            try (dev.prune.train.Batches batches = dev.prune.train.Batches.of(data.trainBatches(1, searchSeed)).first(2)) {
                assertEquals(2, dev.prune.train.BatchNormRecalibration.recompute(module, batches, pruned));
            }
            double independent = dev.prune.train.Evaluate.top1(module, dev.prune.train.Batches.of(data.testBatches()), pruned);
            assertEquals(independent, test, 0.5 / 128, "the same count of the 128 test images");
        }
    }

    /** updp's searched set and the random draw trained alike: their scores against their test top-1, on as many sets as they differ. */
    @SuppressWarnings("unchecked")
    private static void rankCorrelationOverTheTrainedSets(Map<String, Object> results, String md) {
        List<Object> groups = (List<Object>) results.get("rank_correlation");
        assertTrue(md.contains("## Search score against final top-1"), md);
        assertTrue(md.contains("λ = 1 before training (test)"), md);
        for (Object g : groups) {
            Map<String, Object> group = (Map<String, Object>) g;
            assertEquals(List.of("updp", "random"), group.get("variants"), "direct trains differently: not in the group");
            List<Object> points = (List<Object>) group.get("points");
            assertEquals(((Number) group.get("sets")).intValue(), points.size());
            assertTrue(points.size() >= 2);
            for (Object p : points) {
                assertTrue(((Number) ((Map<String, Object>) p).get("cells")).intValue() == 2, "each set trained with both seeds");
            }
        }
        // The group exists exactly when updp and the draw trained different sets (the draw may land on the searched one).
        java.util.Set<Object> sets = new java.util.HashSet<>();
        for (Object c : (List<Object>) results.get("cells")) {
            Map<String, Object> cell = (Map<String, Object>) c;
            if (List.of("updp", "random").contains(cell.get("variant"))) {
                sets.add(new java.util.TreeSet<>((List<String>) ((Map<String, Object>) cell.get("summary")).get("pruned_blocks")));
            }
        }
        assertEquals(sets.size() >= 2 ? 1 : 0, groups.size(), sets + " " + groups);
        if (!groups.isEmpty()) {
            assertEquals(sets.size(), ((Number) ((Map<String, Object>) groups.get(0)).get("sets")).intValue());
        }
    }

    private static Path onlyFolder(Path root, String prefix) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            List<Path> found = list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }
}
