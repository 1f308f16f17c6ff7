package dev.prune.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.BenchSize;

import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.onnx.OnnxExporter;
import dev.prune.plan.Json;
import dev.prune.rewrite.MergeResult;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-size speed experiment of examples/experiments: convnext_tiny and deit_tiny at 224×224 and 1000
 * classes (random weights: speed does not depend on them), six blocks pruned with std.updp's transform,
 * merged with std.updp's rules and exported; baseline against merged in ONNX Runtime (CPU provider,
 * default optimisation level), interleaved runs, medians, at batch 1 and 32, next to the MACs ratio that
 * is the ideal speed-up. Like {@link ConvNextTinySpeedBenchmark} it asserts only the merge's exactness.
 *
 * <p>Which blocks: for convnext_tiny the last six blocks of stage 3 (features.5.3 .. features.5.8, as
 * ConvNextTinySpeedBenchmark); for deit_tiny the MLP halves of the last six blocks (blocks.6.mlp ..
 * blocks.11.mlp), which merge into one linear D→D each; a pruned attention half keeps its softmax and
 * saves little.
 *
 * <p>Settings from the environment: {@code PRUNE_BENCH_RUNS} (timed runs per model and batch, default 10),
 * {@code PRUNE_BENCH_WARMUP} (default 3), {@code PRUNE_BENCH_JSON} (a file to write the records to, as a
 * JSON list; examples/experiments/run.sh merges it into results.json).
 *
 * <p>Every build runs it at smoke size: narrow models of the same depths at 32×32 and 10 classes, batch 1, one
 * run, the same blocks, with the same exactness check. Measure: {@code mvn -q -B test -pl runtime -am
 * -Dtest=FullSizeSpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dprune.bench.size=full}.
 */
@Tag("benchmark")
class FullSizeSpeedBenchmark {

    private static final boolean FULL = BenchSize.current() == BenchSize.FULL;
    private static final List<Integer> BATCHES = FULL ? List.of(1, 32) : List.of(1);
    private static final ImageShape IMAGE = FULL ? ImageShape.imagenet() : ImageShape.of(3, 32, 32);

    /** A model, its zoo arguments at this size, and the blocks pruned. */
    private record Case(String model, Map<String, Object> args, List<String> blocks) {
    }

    private static final List<Case> CASES = List.of(
            new Case(FULL ? "convnext_tiny" : "convnext", FULL ? Map.of() : Map.of("depths", List.of(1, 1, 9, 1), "dims",
                    List.of(8, 16, 32, 64)), IntStream.rangeClosed(3, 8).mapToObj(i -> "features.5." + i).toList()),
            new Case(FULL ? "deit_tiny" : "deit", FULL ? Map.of() : Map.of("depth", 12, "dim", 32, "heads", 2, "patch", 8),
                    IntStream.rangeClosed(6, 11).mapToObj(i -> "blocks." + i + ".mlp").toList()));

    @Test
    void sixMergedBlocks(@TempDir Path dir) throws IOException {
        int runs = intEnv("PRUNE_BENCH_RUNS", FULL ? 10 : 1);
        int warmup = intEnv("PRUNE_BENCH_WARMUP", FULL ? 3 : 0);
        CheckedRecipe updp = stdUpdp();
        List<Object> records = new ArrayList<>();
        for (Case c : CASES) {
            Graph baseline = Zoo.build(c.model(), c.args(), IMAGE, FULL ? 1000 : 10, BuildOptions.seeded(1));
            Graph atOne = Transform.from(dev.prune.plan.RuleDecls.of(updp.transform())).apply(baseline, c.blocks(), 1);
            MergeResult merged = MergeRules.from(dev.prune.plan.RuleDecls.of(updp.rules())).merge(atOne);
            assertEquals(c.blocks().size(), merged.report().blocks().size(), merged.report().toString());
            System.out.println(c.model() + ": " + merged.report());

            Path baselineFile = export(baseline, dir, c.model() + "-baseline");
            Path subnetFile = export(Transform.freeze(atOne), dir, c.model() + "-subnet");
            Path mergedFile = export(merged.graph(), dir, c.model() + "-merged");

            Random random = new Random(3);
            Tensor input = Tensor.generate(i -> random.nextGaussian(), 2, 3, IMAGE.height(), IMAGE.width());
            double error = Agreement.of(OrtInference.run(subnetFile, input, ExecutionProvider.CPU),
                    OrtInference.run(mergedFile, input, ExecutionProvider.CPU)).relative();
            System.out.printf(Locale.ROOT, "%s: merged vs λ = 1 subnet in ORT: max relative error %.3g%n", c.model(), error);
            assertTrue(error <= 1e-5, "merged vs λ = 1 subnet: " + error);

            BenchResult result = LatencyBenchmark.run(baselineFile, mergedFile, BATCHES, runs, warmup, "cpu");
            var before = CostModel.of(baseline);
            var after = CostModel.of(merged.graph());
            double macsRatio = (double) before.macs() / after.macs();
            System.out.print(result.toTable());
            System.out.printf(Locale.ROOT, "%s MACs: baseline %.3f G, merged %.3f G per image, ratio %.3fx%n", c.model(),
                    before.gmacs(), after.gmacs(), macsRatio);

            Map<String, Object> latencyBase = new LinkedHashMap<>();
            Map<String, Object> latencyMerged = new LinkedHashMap<>();
            Map<String, Object> speedup = new LinkedHashMap<>();
            Map<String, Object> ofMacs = new LinkedHashMap<>();
            for (BenchResult.Batch b : result.batches()) {
                String key = Integer.toString(b.batch());
                latencyBase.put(key, b.medianMsA());
                latencyMerged.put(key, b.medianMsB());
                speedup.put(key, b.ratio());
                ofMacs.put(key, b.ratio() / macsRatio);
                System.out.printf(Locale.ROOT, "%s batch %d: measured speedup %.3fx, MACs ratio %.3fx (%.0f%% of it)%n",
                        c.model(), b.batch(), b.ratio(), macsRatio, 100 * b.ratio() / macsRatio);
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("arch", c.model());
            record.put("variant", "full_size");
            record.put("input", List.of(3, IMAGE.height(), IMAGE.width()));
            record.put("pruned_blocks", c.blocks());
            record.put("top1", null);
            record.put("macs", Map.of("baseline", before.macs(), "merged", after.macs()));
            record.put("params", Map.of("baseline", before.params(), "merged", after.params()));
            record.put("macs_ratio", macsRatio);
            record.put("latency_ms", Map.of("baseline", latencyBase, "merged", latencyMerged));
            record.put("speedup", speedup);
            record.put("speedup_over_macs_ratio", ofMacs);
            record.put("runs", runs);
            record.put("warmup", warmup);
            record.put("merged_vs_subnet_rel_error", error);
            records.add(record);
        }
        String out = System.getenv("PRUNE_BENCH_JSON");
        if (out != null && !out.isBlank()) {
            Files.writeString(Path.of(out), Json.pretty(records) + "\n");
            System.out.println("wrote " + out);
        }
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /** std.updp's transform and merge rules, as the shipped quickstart recipe imports them. */
    private static CheckedRecipe stdUpdp() throws IOException {
        Compilation c = Compiler.compile(Path.of("../examples/quickstart.prune"), List.of());
        assertTrue(c.ok(), c::render);
        return c.recipes().get(0);
    }

    private static Path export(Graph graph, Path dir, String name) {
        Path file = dir.resolve(name + ".onnx");
        OnnxExporter.write(graph, file);
        return file;
    }
}
