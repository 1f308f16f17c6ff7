package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The three gate policies on a squeeze-and-excitation block, x + conv(SE(relu(conv(x)))) with
 * SE(y) = y · Sigmoid(conv(relu(conv(GlobalAveragePool(y))))).
 */
class TransformGatesTest {

    private static final Random RANDOM = new Random(11);

    private static Graph seBlock() {
        GraphBuilder b = new GraphBuilder("se");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 4, 5, 5));
        String c1 = conv(b, "block.0", x, 4, 4, 3);
        String r1 = b.node(Op.RELU, "block.1", List.of(c1), Attributes.empty());
        String pooled = b.node(Op.GLOBAL_AVERAGE_POOL, "block.se.pool", List.of(r1), Attributes.empty());
        String fc1 = conv(b, "block.se.fc1", pooled, 4, 2, 1);
        String r2 = b.node(Op.RELU, "block.se.relu", List.of(fc1), Attributes.empty());
        String fc2 = conv(b, "block.se.fc2", r2, 2, 4, 1);
        String gate = b.node(Op.SIGMOID, "block.se.gate", List.of(fc2), Attributes.empty());
        String gated = b.node(Op.MUL, "block.se.mul", List.of(r1, gate), Attributes.empty());
        String c2 = conv(b, "block.2", gated, 4, 4, 1);
        b.output(b.node(Op.ADD, "add", List.of(x, c2), Attributes.empty()));
        return b.build();
    }

    private static String conv(GraphBuilder b, String module, String x, int in, int out, int k) {
        String w = b.parameter(module + ".weight", Tensor.generate(i -> RANDOM.nextGaussian() * 0.3, out, in, k, k),
                Parameter.Kind.TRAINABLE);
        String bias = b.parameter(module + ".bias", Tensor.generate(i -> RANDOM.nextGaussian() * 0.1, out),
                Parameter.Kind.TRAINABLE);
        int p = k / 2;
        return b.node(Op.CONV, module, List.of(x, w, bias), Attributes.builder().putInts("kernel_shape", k, k)
                .putInts("pads", p, p, p, p).build());
    }

    private static Transform transform(String gateVerb, boolean progressively) {
        List<RuleDecl.Directive> directives = new java.util.ArrayList<>(List.of(
                new RuleDecl.Directive("replace", List.of("relu"), "identity", true, List.of()),
                new RuleDecl.Directive("append", List.of("batchnorm", "activation"), null, true, List.of())));
        if (gateVerb != null) {
            directives.add(new RuleDecl.Directive(gateVerb, List.of("gates"), null, progressively, List.of()));
        }
        return Transform.from(new RuleDecl("t", "t.prune", directives));
    }

    private static boolean has(Graph g, Op op) {
        return g.nodes().stream().anyMatch(n -> n.op() == op);
    }

    @Test
    void removeBlendsTheGateOutAndLeavesALinearBlock() {
        Graph base = seBlock();
        Block block = BlockFinder.find(base).get(0);
        assertTrue(Transform.hasGate(base, block));
        Tensor x = Tensor.generate(i -> RANDOM.nextGaussian(), 2, 4, 5, 5);
        Graph atZero = transform("remove", true).apply(base, List.of(block.name()), 0);
        assertEquals(Evaluator.run(base, x), Evaluator.run(atZero, x), "λ = 0 is the baseline");
        Graph frozen = Transform.freeze(Transform.withLambda(atZero, 1));
        assertFalse(has(frozen, Op.SIGMOID), "the gate is gone at λ = 1");
        assertFalse(has(frozen, Op.GLOBAL_AVERAGE_POOL), "and its branch with it");
        Graph merged = TestModels.rules().merge(Transform.withLambda(atZero, 1)).graph();
        assertTrue(TestModels.relativeError(Evaluator.run(frozen, x), Evaluator.run(merged, x)) <= 1e-5);
    }

    @Test
    void removeWithoutProgressivelyDropsTheGateAtOnce() {
        Graph base = seBlock();
        String name = BlockFinder.find(base).get(0).name();
        Graph atZero = transform("remove", false).apply(base, List.of(name), 0);
        assertFalse(has(atZero, Op.SIGMOID), "no Blend keeps the gate, even at λ = 0");
        assertFalse(atZero.nodes().stream().anyMatch(n -> n.name().endsWith(".gate_blend")));
        Tensor x = Tensor.generate(i -> RANDOM.nextGaussian(), 2, 4, 5, 5);
        Graph ungated = Transform.withLambda(transform("remove", true).apply(base, List.of(name), 0), 0);
        assertTrue(TestModels.maxAbsDiff(Evaluator.run(ungated, x), Evaluator.run(atZero, x)) > 1e-3,
                "at λ = 0 the outright removal differs from the progressive one, which is still the baseline");
    }

    @Test
    void keepLeavesGateAndBranchAlone() {
        Graph base = seBlock();
        String name = BlockFinder.find(base).get(0).name();
        Graph frozen = Transform.freeze(transform("keep", false).apply(base, List.of(name), 1));
        assertTrue(has(frozen, Op.SIGMOID));
        assertTrue(frozen.node("block.se.relu").map(n -> n.op() == Op.RELU).orElse(false), "the branch keeps its ReLU");
        assertFalse(frozen.node("block.1").map(n -> n.op() == Op.RELU).orElse(false), "the main path loses its ReLU");
    }

    @Test
    void refuseAndSilenceRefuseTheBlock() {
        Graph base = seBlock();
        Block block = BlockFinder.find(base).get(0);
        for (Transform t : List.of(transform("refuse", false), transform(null, false))) {
            assertTrue(t.refusal(base, block).orElseThrow().contains("refuses gates"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.apply(base, List.of(block.name()), 0));
            assertTrue(e.getMessage().contains("'remove gates progressively'"), e.getMessage());
        }
    }
}
