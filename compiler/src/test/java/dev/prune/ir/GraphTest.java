package dev.prune.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** x → conv 3×3 (4→4, bias) → BN → ReLU → + x → Gemm 4·8·8 → 3. */
    private static Graph tiny() {
        GraphBuilder b = new GraphBuilder("tiny");
        String x = b.input("x", Shape.of(Shape.DYNAMIC, 4, 8, 8));
        String w = b.trainable("conv.weight", Tensor.full(0.1f, 4, 4, 3, 3));
        String bias = b.trainable("conv.bias", Tensor.zeros(4));
        String y = b.node(Op.CONV, "conv", List.of(x, w, bias), Attributes.builder().putInts("pads", 1, 1, 1, 1).build());
        y = b.node(Op.BATCH_NORMALIZATION, "bn", List.of(y,
                b.trainable("bn.weight", Tensor.full(1, 4)), b.trainable("bn.bias", Tensor.zeros(4)),
                b.buffer("bn.running_mean", Tensor.zeros(4)), b.buffer("bn.running_var", Tensor.full(1, 4))));
        y = b.node(Op.RELU, "relu", List.of(y));
        y = b.node(Op.ADD, "add", List.of(y, x));
        y = b.node(Op.FLATTEN, "flatten", List.of(y));
        y = b.node(Op.GEMM, "fc", List.of(y, b.trainable("fc.weight", Tensor.zeros(3, 256)), b.trainable("fc.bias", Tensor.zeros(3))));
        return b.output(y).build();
    }

    @Test
    void buildsAndInfersShapes() {
        Graph g = tiny();
        GraphVerifier.verify(g);
        assertEquals(Shape.of(Shape.DYNAMIC, 3), g.outputs().get(0).shape());
        assertEquals("conv", g.producer("conv").orElseThrow().name());
        assertEquals(List.of("conv", "add"), g.consumers("x").stream().map(Node::name).toList());
        assertTrue(g.isMaterialized());
    }

    @Test
    void costFollowsTheConvention() {
        Graph g = tiny();
        Node conv = g.node("conv").orElseThrow();
        assertEquals(4L * 8 * 8 * 4 * 3 * 3, CostModel.macs(g, conv));
        assertEquals(new Cost(4L * 8 * 8 * 4 * 9, 4 * 4 * 9 + 4, 1), CostModel.of(g, conv));
        Cost total = CostModel.of(g);
        assertEquals(4L * 8 * 8 * 4 * 9 + 3 * 256, total.macs());
        assertEquals(4 * 4 * 9 + 4 + 8 + 3 * 256 + 3, total.params(), "running statistics are not parameters");
        assertEquals(2, total.layers());
    }

    @Test
    void stateDictHoldsBuffersButNotConstants() {
        GraphBuilder b = tiny().toBuilder();
        b.constant("scale", Tensor.scalar(0.5f));
        Graph g = b.build();
        assertTrue(g.stateDict().containsKey("bn.running_var"));
        assertFalse(g.stateDict().containsKey("scale"));
        assertEquals(Parameter.Kind.BUFFER, g.parameter("bn.running_mean").orElseThrow().kind());
        assertEquals(List.of("conv.weight", "conv.bias", "bn.weight"), g.stateDict().keySet().stream().limit(3).toList());
    }

    @Test
    void parametersAreReplacedInANewGraph() {
        Graph g = tiny();
        Tensor mean = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Graph updated = g.withParameter("bn.running_mean", mean);
        assertEquals(mean, updated.parameter("bn.running_mean").orElseThrow().value());
        assertEquals(Tensor.zeros(4), g.parameter("bn.running_mean").orElseThrow().value(), "the original is unchanged");
        assertThrows(IrException.class, () -> g.withParameter("bn.running_mean", Tensor.zeros(5)));
        IrException e = assertThrows(IrException.class, () -> g.withParameters(Map.of("bn.mean", mean)));
        assertTrue(e.getMessage().contains("no parameter bn.mean"));
    }

    @Test
    void verifierReportsEveryProblemAtOnce() {
        Graph g = tiny();
        List<Node> nodes = new java.util.ArrayList<>(g.nodes());
        java.util.Collections.swap(nodes, 1, 2); // relu now reads bn before bn runs
        nodes.add(new Node("fc2", Op.GEMM, List.of("conv", "conv.weight"), List.of("fc2"), Attributes.empty()));
        GraphBuilder b = new GraphBuilder("broken");
        b.input("x", g.inputs().get(0).shape());
        g.parameters().values().forEach(b::parameter);
        nodes.forEach(b::add);
        IrException e = assertThrows(IrException.class, () -> b.output("nowhere").build());
        List<String> problems = e.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("reads bn before it is computed (not topological)"), problems.get(0));
        assertTrue(problems.get(1).startsWith("node fc2 (Gemm): W must be [out, in]"), problems.get(1));
        assertTrue(problems.get(2).contains("graph output nowhere is never defined"), problems.get(2));
    }

    @Test
    void builderRejectsReusedNamesAndSuffixesNodeNames() {
        GraphBuilder b = new GraphBuilder("g");
        String x = b.input("x", Shape.of(Shape.DYNAMIC, 2));
        assertEquals("relu", b.node(Op.RELU, "relu", List.of(x)));
        assertEquals("relu_1", b.node(Op.RELU, "relu", List.of("relu")));
        assertThrows(IrException.class, () -> b.input("x", Shape.of(1)));
    }

    @Test
    void rewritesStartFromACopy() {
        Graph g = tiny();
        GraphBuilder b = g.toBuilder();
        List<Node> nodes = g.nodes().stream()
                .map(n -> n.op() == Op.RELU ? new Node(n.name(), Op.IDENTITY, n.inputs(), n.outputs(), Attributes.empty()) : n)
                .toList();
        Graph rewritten = b.setNodes(nodes).build();
        assertEquals(Op.IDENTITY, rewritten.node("relu").orElseThrow().op());
        assertEquals(Op.RELU, g.node("relu").orElseThrow().op());
    }

    @Test
    void tensorsAreImmutableFromOutside() {
        float[] data = {1, 2, 3, 4, 5, 6};
        int[] shape = {2, 3};
        Tensor t = Tensor.of(data, shape);
        data[0] = 99;
        shape[0] = 7;
        t.toArray()[1] = 99;
        t.shape()[1] = 7;
        assertEquals(1f, t.get(0));
        assertEquals(2f, t.get(1));
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> t.buffer().put(0, 5f));
        assertEquals(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), t);
        assertNotEquals(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), t);
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertThrows(IllegalStateException.class, () -> Tensor.placeholder(2, 3).get(0));
    }

    @Test
    void attributesAreTyped() {
        Attributes a = Attributes.builder().put("group", 4).putInts("strides", 2, 2).put("epsilon", 1e-5f).build();
        assertEquals(4, a.getInt("group", 1));
        assertEquals(1, a.getInt("missing", 1));
        assertArrayEquals(new int[] {2, 2}, a.getInts("strides", null));
        IrException e = assertThrows(IrException.class, () -> a.getInt("epsilon", 0));
        assertTrue(e.getMessage().contains("attribute epsilon"));
    }
}
