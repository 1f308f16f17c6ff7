package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.onnx.OnnxChecker;
import dev.prune.onnx.OnnxExporter;
import dev.prune.onnx.Ort;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MergeModelsTest}'s verification chain again, on the same models and blocks, but proven where the
 * exported model will run: every graph is exported, passes the ONNX checker, and runs in ONNX Runtime.
 *
 * <p>λ = 0: the exported transformed graph gives the baseline's outputs bit for bit. That is the claim to
 * make, not a tolerance: at λ = 0 each Blend is lowered to no node at all (its output is an alias of its a
 * branch), so the live ONNX graph computes the baseline's operators on the baseline's values; what the b
 * branches add (new BatchNorms) is dead and ONNX Runtime drops it. The one structural change is ResNet's
 * padding, moved to the block entry behind a zero mask: a convolution over explicit zeros sums the same
 * terms in the same order as one over implicit padding, so it too must match exactly. Both models run on one
 * intra-op thread, so no reduction order varies between runs.
 *
 * <p>λ = 1: the frozen subnet and the merged graph, both exported, agree within
 * {@code max|a − b| / max|a| ≤ 1e-5} on the same random input.
 */
class MergeInOrtTest {

    private static final double MERGE_TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("dev.prune.rewrite.MergeModelsTest#models")
    void exactAtZeroAndMergedWithinToleranceAtOne(String model, Map<String, ?> args, ImageShape image,
            List<String> blocks) {
        Graph baseline = TestModels.randomize(Zoo.build(model, args, image, 10, BuildOptions.seeded(5)), 17);
        Tensor x = TestModels.input(23, 2, image.channels(), image.height(), image.width());
        // The new BatchNorms get random statistics too, so that at λ = 1 they are no identities either.
        Graph transformed = TestModels.randomizeNew(TestModels.transform().apply(baseline, blocks, 0), baseline, 29);
        Graph atOne = Transform.withLambda(transformed, 1);
        Graph subnet = Transform.freeze(atOne);
        Graph merged = TestModels.rules().merge(atOne).graph();

        Tensor baselineOut = runExported(baseline, "baseline", x);
        Tensor atZeroOut = runExported(transformed, "lambda0", x);
        assertEquals(0.0, TestModels.maxAbsDiff(baselineOut, atZeroOut), "λ = 0 in ORT must be the baseline");

        double error = TestModels.relativeError(runExported(subnet, "subnet", x), runExported(merged, "merged", x));
        System.out.printf("%s %s in ORT: λ = 0 identical; merged vs λ = 1 subnet max relative error %.3g%n", model,
                blocks, error);
        assertTrue(error <= MERGE_TOLERANCE, "merged vs λ = 1 subnet in ORT: " + error);

        OnnxChecker.assertValid(exportedFiles());
    }

    /** Exports the graph to {@code <name>.onnx} in the test's folder and runs it in ONNX Runtime. */
    private Tensor runExported(Graph graph, String name, Tensor input) {
        Path file = dir.resolve(name + ".onnx");
        OnnxExporter.write(graph, file);
        try {
            return Ort.runSingle(Files.readAllBytes(file), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> exportedFiles() {
        try (var files = Files.list(dir)) {
            List<Path> all = new ArrayList<>(files.sorted().toList());
            assertEquals(4, all.size(), all.toString());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
