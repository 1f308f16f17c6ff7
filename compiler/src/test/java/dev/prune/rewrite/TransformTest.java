package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformTest {

    private static Graph convnext() {
        return Zoo.build("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)),
                ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(1));
    }

    private static List<Node> blends(Graph g) {
        return g.nodes().stream().filter(n -> n.op() == Op.BLEND).toList();
    }

    @Test
    void convnextBlockGetsBlendsBatchNormsAndAnAppendedActivation() {
        Graph g = TestModels.transform().apply(convnext(), List.of("features.5.1"), 0.25);
        // GELU → identity, LN → BN, appended BN, appended GELU
        assertEquals(4, blends(g).size(), blends(g).toString());
        assertTrue(blends(g).stream().allMatch(n -> Transform.lambdaOf(n) == 0.25f
                && n.attributes().getString(Transform.BLOCK, "").equals("features.5.1")));
        for (String p : List.of("features.5.1.block.2.bn.weight", "features.5.1.block.2.bn.running_var",
                "features.5.1.appended_bn.bias", "features.5.1.appended_bn.running_mean")) {
            assertTrue(g.isParameter(p), p);
        }
        assertEquals(1f, g.parameter("features.5.1.appended_bn.running_var").orElseThrow().value().get(3));
        assertEquals(Op.GELU, g.node("features.5.1.appended_act").orElseThrow().op());
    }

    @Test
    void frozenBlockIsLinearBetweenEntryAndAppendedBatchNorm() {
        Graph frozen = Transform.freeze(TestModels.transform().apply(convnext(), List.of("features.3.0"), 1));
        Block block = BlockFinder.find(frozen).stream().filter(b -> b.name().startsWith("features.3.0")).findFirst().orElseThrow();
        assertTrue(MergeRules.isLinearised(block), block.nodes().toString());
        assertTrue(frozen.nodes().stream().noneMatch(n -> n.op() == Op.BLEND));
    }

    @Test
    void lambdaIsSettableForAllOrPerBlock() {
        Graph g = TestModels.transform().apply(convnext(), List.of("features.3.0", "features.5.0"), 0);
        Graph one = Transform.withLambda(g, 1);
        assertTrue(blends(one).stream().allMatch(n -> Transform.lambdaOf(n) == 1));
        Graph mixed = Transform.withLambda(g, Map.of("features.5.0", 0.5));
        for (Node n : blends(mixed)) {
            boolean five = n.attributes().getString(Transform.BLOCK, "").equals("features.5.0");
            assertEquals(five ? 0.5 : 0, Transform.lambdaOf(n), 1e-9, n.name());
        }
    }

    @Test
    void resnetPaddingMovesToTheBlockEntryBehindAFadingMask() {
        Graph resnet = Zoo.build("resnet18", Map.of("widths", List.of(8, 16, 32, 64)), ImageShape.of(1, 28, 28), 10,
                BuildOptions.seeded(1));
        Graph g = TestModels.transform().apply(resnet, List.of("layer1.1"), 0);
        assertArrayEquals(new int[] {2, 2, 2, 2}, g.node("layer1.1.conv1").orElseThrow().attributes().getInts("pads", null));
        assertArrayEquals(new int[] {0, 0, 0, 0}, g.node("layer1.1.conv2").orElseThrow().attributes().getInts("pads", null));
        assertEquals(Op.BLEND, g.node("layer1.1.conv2.pad_mask.blend").orElseThrow().op());
        assertEquals(g.shape("layer1.1.conv1").dim(2), resnet.shape("layer1.1.conv1").dim(2) + 2);
    }

    @Test
    void unknownBlocksAndDirectivesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestModels.transform().apply(convnext(), List.of("features.9.9"), 0));
        assertTrue(e.getMessage().contains("features.5.1"), e.getMessage());
        RuleDecl bad = new RuleDecl("t", "x.prune", List.of(new RuleDecl.Directive("squash", List.of("relu"), null, true, List.of())));
        assertThrows(IllegalArgumentException.class, () -> Transform.from(bad));
    }

    @Test
    void aDirectiveWithoutProgressivelyAppliesOutright() {
        RuleDecl rules = new RuleDecl("t", "x.prune", List.of(
                new RuleDecl.Directive("replace", List.of("gelu"), "identity", false, List.of())));
        Graph g = Transform.from(rules).apply(convnext(), List.of("features.3.0"), 0);
        assertTrue(blends(g).isEmpty());
        assertTrue(g.consumers("features.3.0.block.4").isEmpty(), "the GELU is bypassed");
    }
}
