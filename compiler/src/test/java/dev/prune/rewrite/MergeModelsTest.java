package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verification chain on small models of each family, with random BatchNorm statistics and odd map sizes:
 * the transform at λ = 0 is the baseline bit for bit; the merge equals the λ = 1 subnet within 1e-5.
 */
class MergeModelsTest {

    static List<Arguments> models() {
        return List.of(
                Arguments.of("resnet18", Map.of("widths", List.of(8, 16, 32, 64)), ImageShape.of(1, 27, 27),
                        List.of("layer1.0", "layer2.1")),
                Arguments.of("resnet18", Map.of("widths", List.of(8, 16, 32, 64)), ImageShape.of(1, 27, 27),
                        List.of("layer2.0")), // stride 2 and a projection shortcut: exact, left unmerged by cost
                Arguments.of("mobilenet_v2", Map.of("width_mult", 0.25), ImageShape.of(1, 28, 28),
                        List.of("features.2", "features.3", "features.1")),
                Arguments.of("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)),
                        ImageShape.of(1, 30, 30), List.of("features.3.0", "features.5.1")),
                Arguments.of("deit", Map.of("depth", 2, "dim", 16, "heads", 2), ImageShape.of(1, 28, 28),
                        List.of("blocks.0.mlp", "blocks.1.attn", "blocks.1.mlp")));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("models")
    void transformIsExactAtZeroAndMergeIsExactAtOne(String model, Map<String, ?> args, ImageShape image, List<String> blocks) {
        Graph baseline = TestModels.randomize(Zoo.build(model, args, image, 10, BuildOptions.seeded(5)), 17);
        Tensor x = TestModels.input(23, 2, image.channels(), image.height(), image.width());
        Tensor expected = Evaluator.run(baseline, x);

        Graph transformed = TestModels.transform().apply(baseline, blocks, 0);
        assertTrue(transformed.nodes().stream().anyMatch(n -> n.op() == Op.BLEND));
        // The new BatchNorms get random statistics too, so that the λ = 1 subnet is not an identity either.
        Graph subnet = TestModels.randomizeNew(transformed, baseline, 29);
        assertEquals(0.0, TestModels.maxAbsDiff(expected, Evaluator.run(subnet, x)), "λ = 0 must be the baseline");

        Graph atHalf = Transform.withLambda(subnet, 0.5);
        Tensor halfOut = Evaluator.run(atHalf, x);
        Graph atOne = Transform.withLambda(subnet, 1);
        Graph frozen = Transform.freeze(atOne);
        assertTrue(frozen.nodes().stream().noneMatch(n -> n.op() == Op.BLEND));
        Tensor subnetOut = Evaluator.run(frozen, x);
        assertEquals(0.0, TestModels.maxAbsDiff(Evaluator.run(atOne, x), subnetOut), "freeze is λ = 1");
        // Half way the blend is in effect: finite, and neither the baseline nor the λ = 1 subnet; λ set back to 0
        // is the baseline again, bit for bit.
        assertArrayEquals(expected.shape(), halfOut.shape());
        for (int i = 0; i < (int) halfOut.size(); i++) {
            assertTrue(Float.isFinite(halfOut.get(i)), "λ = 0.5 output " + i + " is " + halfOut.get(i));
        }
        assertTrue(TestModels.maxAbsDiff(expected, halfOut) > 1e-4, "λ = 0.5 must differ from the baseline");
        assertTrue(TestModels.maxAbsDiff(subnetOut, halfOut) > 1e-4, "λ = 0.5 must differ from the λ = 1 subnet");
        assertEquals(0.0, TestModels.maxAbsDiff(expected, Evaluator.run(Transform.withLambda(atHalf, 0), x)), "λ back to 0");

        MergeResult merged = TestModels.rules().merge(atOne);
        double error = TestModels.relativeError(subnetOut, Evaluator.run(merged.graph(), x));
        System.out.printf("%s %s: max relative error %.3g%n%s%n", model, blocks, error, merged.report());
        assertTrue(error <= 1e-5, "merged vs λ = 1 subnet: " + error);
        assertTrue(merged.graph().nodes().size() < frozen.nodes().size());
        assertEquals(blocks.size(), merged.report().blocks().size(), merged.report().toString());
        for (Node n : merged.graph().nodes()) {
            assertTrue(n.op() != Op.BLEND);
        }
    }
}
