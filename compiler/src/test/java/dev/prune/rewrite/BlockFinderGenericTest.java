package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block discovery on hand-built graphs with names no zoo model uses: nothing is per-architecture. */
class BlockFinderGenericTest {

    private static String conv(GraphBuilder b, String module, String x, int out, int stride) {
        int in = b.shape(x).dim(1);
        String w = b.trainable(module + ".weight", Tensor.placeholder(out, in, 3, 3));
        return b.node(Op.CONV, module, List.of(x, w),
                Attributes.builder().putInts("strides", stride, stride).putInts("pads", 1, 1, 1, 1).build());
    }

    private static String residual(GraphBuilder b, String module, String x) {
        String y = conv(b, module + ".inner.left", x, b.shape(x).dim(1), 1);
        y = b.node(Op.RELU, module + ".inner.act", List.of(y));
        y = conv(b, module + ".inner.right", y, b.shape(x).dim(1), 1);
        return b.node(Op.ADD, module + ".join", List.of(x, y));
    }

    /** stem → trunk.0 (residual) → trunk.1 (two convs, stride 2, no skip) → trunk.2 (residual) → head. */
    private static Graph unusualNet() {
        GraphBuilder b = new GraphBuilder("unusual");
        String x = b.input("pixels", Shape.of(Shape.DYNAMIC, 3, 16, 16));
        x = conv(b, "stem", x, 8, 1);
        x = residual(b, "trunk.0", x);
        x = conv(b, "trunk.1.widen", x, 16, 2);
        x = b.node(Op.RELU, "trunk.1.act", List.of(x));
        x = conv(b, "trunk.1.mix", x, 16, 1);
        x = residual(b, "trunk.2", x);
        x = b.node(Op.FLATTEN, "flatten", List.of(b.node(Op.GLOBAL_AVERAGE_POOL, "pool", List.of(x))));
        x = b.node(Op.GEMM, "head", List.of(x, b.trainable("head.weight", Tensor.placeholder(4, 16))));
        return b.output(x).build();
    }

    @Test
    void findsResidualsAndSiblingChainsByStructureAndNames() {
        List<Block> blocks = BlockFinder.find(unusualNet());
        assertEquals(List.of("trunk.0", "trunk.1", "trunk.2"), blocks.stream().map(Block::name).toList());

        Block first = blocks.get(0);
        assertTrue(first.residual() && first.isCandidate());
        assertEquals("stem", first.entry());
        assertEquals("trunk.0.join", first.exit());
        assertEquals(4, first.nodes().size());

        Block chain = blocks.get(1);
        assertFalse(chain.residual());
        assertEquals("trunk.0.join", chain.entry());
        assertEquals("trunk.1.mix", chain.exit());
        assertEquals("stride [2, 2] at trunk.1.widen", chain.rejection().orElseThrow());
        // widen: 16 outputs × 8×8 pixels × (8 channels × 3×3); mix: 16 × 8×8 × (16 × 3×3)
        assertEquals(16L * 8 * 8 * (8 * 9) + 16L * 8 * 8 * (16 * 9), chain.cost().macs());
        assertEquals(2, chain.cost().layers());
    }

    @Test
    void aGraphWithoutSkipsHasNoBlocks() {
        GraphBuilder b = new GraphBuilder("plain");
        String x = b.input("x", Shape.of(Shape.DYNAMIC, 3, 8, 8));
        x = conv(b, "features.0", x, 4, 1);
        x = conv(b, "features.1", x, 4, 1);
        assertEquals(List.of(), BlockFinder.find(b.output(x).build()));
    }

    @Test
    void aBranchThatLeaksIsNotABlock() {
        GraphBuilder b = new GraphBuilder("leaky");
        String x = b.input("x", Shape.of(Shape.DYNAMIC, 4, 8, 8));
        String y = conv(b, "a.conv", x, 4, 1);
        String sum = b.node(Op.ADD, "a.join", List.of(x, y));
        // the branch's inner value is also a graph output: the region has two exits
        assertEquals(List.of(), BlockFinder.find(b.output(sum).output(y).build()));
    }
}
