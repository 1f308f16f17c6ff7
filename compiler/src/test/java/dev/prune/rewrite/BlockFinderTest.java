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
import org.junit.jupiter.api.Test;

class BlockFinderTest {

    private static List<Block> blocksOf(String model) {
        Graph graph = Zoo.build(model, Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        return BlockFinder.find(graph);
    }

    private static List<String> names(List<Block> blocks) {
        return blocks.stream().map(Block::name).toList();
    }

    private static Block named(List<Block> blocks, String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no block " + name + " in " + names(blocks)));
    }

    @Test
    void resnet34HasSixteenResidualBlocks() {
        List<Block> blocks = blocksOf("resnet34");
        assertEquals(16, blocks.size(), names(blocks).toString());
        assertTrue(blocks.stream().allMatch(Block::residual));
        assertEquals("layer1.0", blocks.get(0).name());
        assertEquals("layer4.2", blocks.get(15).name());

        Block plain = named(blocks, "layer2.1");
        assertTrue(plain.isCandidate());
        assertEquals(2, plain.cost().layers());
        assertEquals(2L * 128 * 128 * 9 + 4 * 128, plain.cost().params());

        Block projecting = named(blocks, "layer2.0");
        assertFalse(projecting.isCandidate());
        assertTrue(projecting.rejection().orElseThrow().contains("stride"), projecting.toString());
        assertEquals(3, projecting.cost().layers(), "conv1, conv2 and the 1×1 shortcut");
    }

    @Test
    void mobilenetV2HasSeventeenBlocksTenWithSkip() {
        List<Block> blocks = blocksOf("mobilenet_v2");
        assertEquals(17, blocks.size(), names(blocks).toString());
        assertEquals(10, blocks.stream().filter(Block::residual).count());
        for (int i = 1; i <= 17; i++) {
            assertEquals("features." + i, blocks.get(i - 1).name());
        }
        assertFalse(named(blocks, "features.1").residual());
        assertTrue(named(blocks, "features.3").residual());
        assertTrue(named(blocks, "features.3").isCandidate());
        assertTrue(named(blocks, "features.4").rejection().orElseThrow().contains("stride"));
        assertTrue(named(blocks, "features.14").rejection().orElseThrow().contains("stride"));
        assertTrue(named(blocks, "features.17").rejection().orElseThrow().contains("shape"));
    }

    @Test
    void convnextTinyHasEighteenBlocks() {
        List<Block> blocks = blocksOf("convnext_tiny");
        assertEquals(18, blocks.size(), names(blocks).toString());
        assertTrue(blocks.stream().allMatch(b -> b.residual() && b.isCandidate()));
        Block block = named(blocks, "features.5.4");
        assertEquals(3, block.cost().layers(), "the dw conv and the two pointwise Linears");
        // dw conv, to channels-last, LN, Linear, GELU, Linear, to channels-first, × layer_scale, + x
        assertEquals(9, block.nodes().size(), block.nodes().toString());
        assertEquals(block.entry(), block.nodes().get(0).input(0));
    }

    @Test
    void deitTinyHasAttentionAndMlpHalves() {
        List<Block> blocks = blocksOf("deit_tiny");
        assertEquals(24, blocks.size(), names(blocks).toString());
        assertEquals("blocks.0.attn", blocks.get(0).name());
        assertEquals("blocks.0.mlp", blocks.get(1).name());
        assertEquals("blocks.11.mlp", blocks.get(23).name());
        Block attention = named(blocks, "blocks.3.attn");
        Block mlp = named(blocks, "blocks.3.mlp");
        assertTrue(attention.isCandidate() && mlp.isCandidate());
        assertEquals(192L * 576 + 576 + 192 * 192 + 192 + 2 * 192, attention.cost().params());
        assertEquals(2, mlp.cost().layers());
        assertEquals(attention.exit(), mlp.entry(), "the MLP half starts where attention ends");
    }

    @Test
    void smallConvnextFindsItsBlocks() {
        Graph graph = Zoo.build("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)),
                ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(7));
        List<Block> blocks = BlockFinder.find(graph);
        assertEquals(List.of("features.1.0", "features.3.0", "features.5.0", "features.5.1", "features.7.0"),
                names(blocks));
    }
}
