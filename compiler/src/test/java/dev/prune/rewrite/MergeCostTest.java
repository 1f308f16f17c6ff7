package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merged forms' cost at ImageNet size, on shapes-only graphs (no weights): each block type lands near
 * DESIGN.md's table. The ratio is taken against the block in the baseline, and the report's own ratio
 * (against the λ = 1 block, whose intermediate maps are a little larger for the padding moved to the front)
 * is checked to be close to it.
 */
class MergeCostTest {

    static List<Arguments> blocks() {
        return List.of(
                Arguments.of("resnet34", "layer1.1", "conv5×5 64→64", 1.39, 1),
                Arguments.of("resnet34", "layer3.4", "conv5×5 256→256", 1.39, 1),
                Arguments.of("mobilenet_v2", "features.5", "conv3×3 32→32", 0.66, 1),
                Arguments.of("mobilenet_v2", "features.12", "conv3×3 96→96", 0.71, 1),
                Arguments.of("convnext_tiny", "features.1.1", "dwconv7×7 96→96 → conv1×1 96→96 → +x", 0.18, 2),
                Arguments.of("convnext_tiny", "features.5.4", "dwconv7×7 384→384 → conv1×1 384→384 → +x", 0.14, 2),
                Arguments.of("deit_tiny", "blocks.3.mlp", "linear 192→192", 0.125, 1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blocks")
    void mergedFormAndCost(String model, String block, String form, double ratio, int layers) {
        Graph baseline = Zoo.build(model, Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        long baselineMacs = BlockFinder.find(baseline).stream().filter(b -> b.name().equals(block)).findFirst()
                .orElseThrow().cost().macs();
        Graph subnet = TestModels.transform().apply(baseline, List.of(block), 1);
        MergeResult merged = TestModels.rules().merge(subnet);
        assertFalse(merged.graph().isMaterialized());
        MergeReport.BlockMerge m = merged.report().block(block);
        System.out.println(model + " " + m + String.format(" [vs baseline block: %.3f×]", (double) m.after().macs() / baselineMacs));
        assertEquals(form, m.form());
        assertEquals(layers, m.after().layers());
        assertEquals(ratio, (double) m.after().macs() / baselineMacs, 0.01);
        assertEquals((double) m.after().macs() / baselineMacs, m.macsRatio(), 1e-6);
        assertTrue(m.macsRatio() <= 1.5);
    }
}
