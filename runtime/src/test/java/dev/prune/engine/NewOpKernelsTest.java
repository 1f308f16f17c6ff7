package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DJL kernels of the ops imported for torchvision's classifiers (gates, HardSwish, SiLU, average pooling,
 * ceil-mode pooling, ReduceL2) against the reference evaluator, forward in eval mode.
 */
class NewOpKernelsTest {

    static Stream<Arguments> ops() {
        return Stream.of(
                Arguments.of(Op.SIGMOID, Attributes.empty()),
                Arguments.of(Op.HARD_SIGMOID, Attributes.builder().put("alpha", 1f / 6).put("beta", 0.5f).build()),
                Arguments.of(Op.HARD_SWISH, Attributes.empty()),
                Arguments.of(Op.SILU, Attributes.empty()),
                Arguments.of(Op.TANH, Attributes.empty()),
                Arguments.of(Op.REDUCE_L2, Attributes.builder().putInts("axes", -1).put("keepdims", 1).build()),
                Arguments.of(Op.REDUCE_L2, Attributes.builder().putInts("axes", 1, 2).put("keepdims", 0).build()),
                Arguments.of(Op.MAX_POOL, Attributes.builder().putInts("kernel_shape", 3, 3).putInts("strides", 2, 2)
                        .putInts("pads", 0, 0, 0, 0).put("ceil_mode", 1).build()),
                Arguments.of(Op.AVERAGE_POOL, Attributes.builder().putInts("kernel_shape", 3, 3).putInts("strides", 2, 2)
                        .putInts("pads", 1, 1, 1, 1).put("ceil_mode", 1).put("count_include_pad", 0).build()),
                Arguments.of(Op.AVERAGE_POOL, Attributes.builder().putInts("kernel_shape", 3, 3).putInts("strides", 1, 1)
                        .putInts("pads", 1, 1, 1, 1).put("count_include_pad", 1).build()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ops")
    void kernelMatchesTheEvaluator(Op op, Attributes attributes) {
        // A conv in front gives the graph a trainable parameter, so that a gradient flows through the op.
        GraphBuilder b = new GraphBuilder("op");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 3, 7, 6));
        Random random = new Random(3);
        String w = b.parameter("conv.weight", Tensor.generate(i -> random.nextGaussian() * 0.5, 3, 3, 1, 1),
                dev.prune.ir.Parameter.Kind.TRAINABLE);
        String c = b.node(Op.CONV, "conv", List.of(x, w), Attributes.builder().putInts("kernel_shape", 1, 1).build());
        b.output(b.node(op, "op", List.of(c), attributes));
        Graph graph = b.build();
        Tensor input = Tensor.generate(i -> random.nextGaussian() * 3, 2, 3, 7, 6);
        Tensor expected = Evaluator.run(graph, input);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                NDManager step = root.newSubManager()) {
            Tensor actual = GraphModule.toTensor(module.forward(step, GraphModule.create(step, input), Mode.EVAL,
                    LambdaPolicy.asBuilt()));
            assertArrayEquals(expected.shape(), actual.shape());
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(Math.abs(expected.get(i) - actual.get(i)) <= 1e-5, op + " element " + i + ": "
                        + expected.get(i) + " vs " + actual.get(i));
            }
        }
    }
}
