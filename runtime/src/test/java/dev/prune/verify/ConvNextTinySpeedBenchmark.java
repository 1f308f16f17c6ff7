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
import dev.prune.rewrite.MergeResult;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed the merge buys, measured: convnext_tiny at 224×224 and 1000 classes (random weights), the last
 * six blocks of stage 3 pruned with std.updp and merged, baseline against merged in ONNX Runtime at batch 1
 * and 32, next to the MACs ratio the cost model predicts. Prints numbers and asserts only the merge's
 * exactness: latency on a shared machine is noise to be reported, not a pass/fail criterion.
 *
 * <p>What is compared: both models exported as they are and run by ONNX Runtime at its default
 * optimisation level. ConvNeXt's baseline has no BatchNorm (it uses LayerNorm), and the merged model's
 * BatchNorms are those the merge could not fold (after a residual add); ORT folds any Conv → BatchNorm it
 * finds in either, so folding by hand first would not change the comparison.
 *
 * <p>The new BatchNorms keep their initial statistics here (they do not change the timing); the merge's
 * exactness under random statistics is proven per family by the compiler's MergeInOrtTest.
 *
 * <p>Every build runs it at smoke size: a ConvNeXt of convnext_tiny's stage-3 depth but narrow, at 32×32 and 10
 * classes, batch 1, one run; the merge and its exactness in ONNX Runtime are checked as at full size. Measure:
 * {@code mvn -q -B test -pl compiler,runtime -am -Dtest='ConvNextTinySpeedBenchmark'
 * -Dsurefire.failIfNoSpecifiedTests=false -Dprune.bench.size=full}.
 */
@Tag("benchmark")
class ConvNextTinySpeedBenchmark {

    private static final List<String> BLOCKS = IntStream.rangeClosed(3, 8).mapToObj(i -> "features.5." + i).toList();
    private static final boolean FULL = BenchSize.current() == BenchSize.FULL;
    private static final List<Integer> BATCHES = FULL ? List.of(1, 32) : List.of(1);
    private static final int RUNS = FULL ? 10 : 1;
    private static final int WARMUP = FULL ? 3 : 0;
    private static final ImageShape IMAGE = FULL ? ImageShape.imagenet() : ImageShape.of(3, 32, 32);

    @Test
    void sixMergedBlocksOfStageThree(@TempDir Path dir) throws IOException {
        Graph baseline = FULL ? Zoo.build("convnext_tiny", Map.of(), IMAGE, 1000, BuildOptions.seeded(1))
                : Zoo.build("convnext", Map.of("depths", List.of(1, 1, 9, 1), "dims", List.of(8, 16, 32, 64)), IMAGE, 10,
                        BuildOptions.seeded(1));
        CheckedRecipe updp = stdUpdp();
        Graph atOne = Transform.from(dev.prune.plan.RuleDecls.of(updp.transform())).apply(baseline, BLOCKS, 1);
        MergeResult merged = MergeRules.from(dev.prune.plan.RuleDecls.of(updp.rules())).merge(atOne);
        assertEquals(BLOCKS.size(), merged.report().blocks().size(), merged.report().toString());
        System.out.println(merged.report());

        Path baselineFile = export(baseline, dir, "baseline");
        Path subnetFile = export(Transform.freeze(atOne), dir, "subnet");
        Path mergedFile = export(merged.graph(), dir, "merged");

        Random random = new Random(3);
        Tensor input = Tensor.generate(i -> random.nextGaussian(), 2, 3, IMAGE.height(), IMAGE.width());
        double error = Agreement.of(OrtInference.run(subnetFile, input, ExecutionProvider.CPU),
                OrtInference.run(mergedFile, input, ExecutionProvider.CPU)).relative();
        System.out.printf(Locale.ROOT, "merged vs λ = 1 subnet in ORT: max relative error %.3g%n", error);
        assertTrue(error <= 1e-5, "merged vs λ = 1 subnet: " + error);

        BenchResult result = LatencyBenchmark.run(baselineFile, mergedFile, BATCHES, RUNS, WARMUP, "cpu");
        double macsRatio = (double) CostModel.of(baseline).macs() / CostModel.of(merged.graph()).macs();
        System.out.print(result.toTable()); // what `prune bench baseline.onnx merged.onnx` prints
        System.out.printf(Locale.ROOT, "MACs: baseline %.3f G, merged %.3f G per image, ratio %.3fx%n",
                CostModel.of(baseline).gmacs(), CostModel.of(merged.graph()).gmacs(), macsRatio);
        for (BenchResult.Batch b : result.batches()) {
            System.out.printf(Locale.ROOT, "batch %d: measured speedup %.3fx, MACs ratio %.3fx%n", b.batch(), b.ratio(),
                    macsRatio);
        }
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
