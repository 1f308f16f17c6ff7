package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Attributes;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.onnx.OnnxExporter;
import dev.prune.onnx.Ort;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EfficientNet's MBConv block as {@code torch.onnx.export} leaves it (BatchNorm folded into convs with biases,
 * SiLU, a squeeze-and-excitation gate after the depthwise conv), transformed by std.updp ({@code remove gates
 * progressively}) and merged. The depthwise conv pads its own input; after a 1×1 conv with a bias its padded
 * border is zero while an unpadded composition would see the bias there, so the transform moves the padding
 * to the block entry (the expand conv pads, a mask zeroes the ring at λ = 0). The gate sits after the
 * depthwise conv, where the maps have their baseline size again, so it does not stop that move.
 */
class GatedBlockMergeTest {

    private static final int C = 8;
    private static final int SIZE = 6;

    /** x + project(SE(SiLU(dw_k(SiLU(expand(x)))))), expand C → e·C, SE reducing to C/4 as torchvision's. */
    static Graph mbConv(int expansion, int k, long seed) {
        return mbConv(expansion, k, seed, false);
    }

    /**
     * With {@code classifier}, a classification model around the block: a 3×3 stem from one channel, and
     * GlobalAveragePool → Flatten → Gemm to 10 classes after it.
     */
    static Graph mbConv(int expansion, int k, long seed, boolean classifier) {
        Random random = new Random(seed);
        GraphBuilder b = new GraphBuilder("mbconv");
        int hidden = expansion * C;
        String x = classifier
                ? conv(b, random, "stem", b.input("input", Shape.of(Shape.DYNAMIC, 1, SIZE, SIZE)), 1, C, 3, 1)
                : b.input("input", Shape.of(Shape.DYNAMIC, C, SIZE, SIZE));
        String e = conv(b, random, "block.0.0", x, C, hidden, 1, 1);
        String a1 = b.node(Op.SILU, "block.0.2", List.of(e), Attributes.empty());
        String dw = conv(b, random, "block.1.0", a1, hidden, hidden, k, hidden);
        String a2 = b.node(Op.SILU, "block.1.2", List.of(dw), Attributes.empty());
        String pooled = b.node(Op.GLOBAL_AVERAGE_POOL, "block.2.avgpool", List.of(a2), Attributes.empty());
        String fc1 = conv(b, random, "block.2.fc1", pooled, hidden, C / 4, 1, 1);
        String a3 = b.node(Op.SILU, "block.2.activation", List.of(fc1), Attributes.empty());
        String fc2 = conv(b, random, "block.2.fc2", a3, C / 4, hidden, 1, 1);
        String gate = b.node(Op.SIGMOID, "block.2.scale_activation", List.of(fc2), Attributes.empty());
        String gated = b.node(Op.MUL, "block.2.mul", List.of(a2, gate), Attributes.empty());
        String project = conv(b, random, "block.3.0", gated, hidden, C, 1, 1);
        String out = b.node(Op.ADD, "add", List.of(project, x), Attributes.empty());
        if (classifier) {
            String pooled2 = b.node(Op.GLOBAL_AVERAGE_POOL, "head.pool", List.of(out), Attributes.empty());
            String flat = b.node(Op.FLATTEN, "head.flatten", List.of(pooled2), Attributes.builder().put("axis", 1).build());
            String w = b.parameter("head.fc.weight", Tensor.generate(i -> random.nextGaussian() * 0.3, 10, C),
                    Parameter.Kind.TRAINABLE);
            String bias = b.parameter("head.fc.bias", Tensor.zeros(10), Parameter.Kind.TRAINABLE);
            out = b.node(Op.GEMM, "head.fc", List.of(flat, w, bias), Attributes.builder().put("transB", 1).build());
        }
        b.output(out);
        return b.build();
    }

    private static String conv(GraphBuilder b, Random random, String module, String x, int in, int out, int k, int group) {
        double scale = 1 / Math.sqrt(in / group * k * k);
        String w = b.parameter(module + ".weight", Tensor.generate(i -> random.nextGaussian() * scale, out, in / group, k, k),
                Parameter.Kind.TRAINABLE);
        String bias = b.parameter(module + ".bias", Tensor.generate(i -> 0.5 * random.nextGaussian(), out),
                Parameter.Kind.TRAINABLE);
        int p = k / 2;
        return b.node(Op.CONV, module, List.of(x, w, bias), Attributes.builder().putInts("kernel_shape", k, k)
                .putInts("pads", p, p, p, p).put("group", group).build());
    }

    private static Tensor ort(Graph g, Tensor x) {
        return Ort.runSingle(OnnxExporter.export(g), x);
    }

    @Test
    void aGatedBlockWithExpansionSixMergesIntoOneDenseConvExactly() {
        Graph base = mbConv(6, 3, 3);
        String name = BlockFinder.find(base).get(0).name();
        Tensor x = TestModels.input(5, 2, C, SIZE, SIZE);
        Graph atZero = TestModels.randomizeNew(TestModels.transform().apply(base, List.of(name), 0), base, 7);
        assertTrue(atZero.nodes().stream().anyMatch(n -> n.name().endsWith(".pad_mask.mul")),
                "the depthwise conv's padding moves to the block entry");
        assertEquals(0.0, TestModels.maxAbsDiff(ort(base, x), ort(atZero, x)), "λ = 0 in ORT is the import");

        Graph atOne = Transform.withLambda(atZero, 1);
        MergeResult merged = TestModels.rules().merge(atOne);
        MergeReport.BlockMerge block = merged.report().blocks().get(0);
        assertEquals("conv3×3 8→8", block.form(), block.toString());
        List<Node> convs = merged.graph().nodes().stream().filter(n -> n.op() == Op.CONV).toList();
        assertEquals(1, convs.size(), "expand, depthwise and project are one conv, the skip inside it");
        // 9·C² per pixel, against C·6C + 9·6C + 6C·C (plus the gate's branch) before.
        assertEquals(9L * C * C * SIZE * SIZE, CostModel.of(merged.graph()).macs());
        assertTrue(block.after().macs() < block.before().macs(), block.toString());
        double error = TestModels.relativeError(ort(Transform.freeze(atOne), x), ort(merged.graph(), x));
        System.out.printf("MBConv e6 k3: merged vs λ = 1 in ORT %.3g; MACs %d → %d%n", error, block.before().macs(),
                block.after().macs());
        assertTrue(error <= 1e-5, "merged vs λ = 1 subnet in ORT: " + error);
    }

    @Test
    void aGatedBlockWhoseMergeWouldNotPayIsLeftOut() {
        // Expansion 1: one dense 3×3 (9C² per pixel) would cost 2.9× the block's 2C² + 9C at C = 8, over std.updp's
        // 1.5× bound, so the block keeps its three layers and the search space leaves it out.
        Graph base = mbConv(1, 3, 4);
        String name = BlockFinder.find(base).get(0).name();
        Map<String, MergePayoff> payoff = MergePayoff.of(base, TestModels.transform(), TestModels.rules(), List.of(name));
        MergePayoff p = payoff.get(name);
        assertFalse(p.pays(), p::toString);
        assertEquals(3, p.after().layers(), p::toString);
        assertTrue(p.describe().contains("not within macs <= 1.5 x"), p.describe());
    }

    @Test
    void anUncomposedChainGetsItsPaddingBackWithTheBorderCorrectedExactly() {
        // Pruned anyway (the coverage table prunes every block): the expand conv must not keep running on the map
        // enlarged by the moved padding, and the depthwise conv must still see the expand bias on its border.
        Graph base = mbConv(1, 3, 4);
        String name = BlockFinder.find(base).get(0).name();
        Graph atOne = Transform.withLambda(TestModels.randomizeNew(TestModels.transform().apply(base, List.of(name), 0),
                base, 8), 1);
        MergeResult merged = TestModels.rules().merge(atOne);
        MergeReport.BlockMerge block = merged.report().blocks().get(0);
        assertEquals("conv1×1 8→8 → dwconv3×3 8→8 → +border → conv1×1 8→8 → +x", block.form(), block.toString());
        assertEquals(1, merged.report().rulesFired().get("RestorePadding"), merged.report().toString());
        Node expand = merged.graph().node("block.0.0").orElseThrow();
        assertTrue(Patterns.unpadded(expand), "the expand conv pads nothing again");
        assertEquals(block.before().macs(), block.after().macs(), "the block costs what it cost before the transform");
        Tensor x = TestModels.input(9, 2, C, SIZE, SIZE);
        double error = TestModels.relativeError(ort(Transform.freeze(atOne), x), ort(merged.graph(), x));
        System.out.printf("MBConv e1 k3, padding restored: merged vs λ = 1 in ORT %.3g%n", error);
        assertTrue(error <= 1e-5, "merged vs λ = 1 subnet in ORT: " + error);
    }
}
