package dev.prune.ir.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each op of the reference evaluator against values worked out by hand. */
class EvaluatorTest {

    private static float[] run(Op op, Attributes a, Tensor x, Tensor... params) {
        return runTensor(op, a, x, params).toArray();
    }

    private static Tensor runTensor(Op op, Attributes a, Tensor x, Tensor... params) {
        GraphBuilder b = new GraphBuilder("t");
        String in = b.input("x", Shape.of(x.shape()));
        List<String> inputs = new java.util.ArrayList<>(List.of(in));
        for (int i = 0; i < params.length; i++) {
            inputs.add(b.trainable("p" + i, params[i]));
        }
        Graph g = b.output(b.node(op, "op", inputs, a)).build();
        return Evaluator.run(g, x);
    }

    private static Tensor t(float[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void convWithPaddingStrideAndGroups() {
        Tensor x = Tensor.generate(i -> i + 1, 1, 1, 3, 3); // 1..9
        Tensor w = Tensor.full(1, 1, 1, 3, 3);
        Attributes same = Attributes.builder().putInts("pads", 1, 1, 1, 1).build();
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, run(Op.CONV, same, x, w, t(new float[] {0}, 1)));
        Attributes strided = Attributes.builder().putInts("pads", 1, 1, 1, 1).putInts("strides", 2, 2).build();
        assertArrayEquals(new float[] {13, 17, 25, 29}, run(Op.CONV, strided, x, w, t(new float[] {1}, 1)));
        Tensor two = Tensor.generate(i -> i < 4 ? 1 : 10, 1, 2, 2, 2);
        Attributes dw = Attributes.builder().put("group", 2).build();
        assertArrayEquals(new float[] {4, 40}, run(Op.CONV, dw, two, Tensor.full(1, 2, 1, 2, 2)));
    }

    @Test
    void gemmOverTheLastAxisAndBroadcastMatMul() {
        Tensor x = Tensor.generate(i -> i, 1, 2, 3);
        Tensor w = t(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
        assertArrayEquals(new float[] {0.5f, 3, 3.5f, 9}, run(Op.GEMM, Attributes.empty(), x, w, t(new float[] {0.5f, 0}, 2)));
        Tensor y = t(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new float[] {22, 28, 49, 64}, run(Op.MAT_MUL, Attributes.empty(), Tensor.generate(i -> i + 1, 1, 2, 3), y));
    }

    @Test
    void normalizations() {
        Tensor x = t(new float[] {1, 2, 3, 4}, 1, 2, 2);
        float[] bn = run(Op.BATCH_NORMALIZATION, Attributes.builder().put("epsilon", 0f).build(), x,
                t(new float[] {2, 1}, 2), t(new float[] {0, 1}, 2), t(new float[] {1, 3}, 2), t(new float[] {4, 1}, 2));
        assertArrayEquals(new float[] {0, 1, 1, 2}, bn, 1e-6f);
        float[] ln = run(Op.LAYER_NORMALIZATION, Attributes.builder().put("epsilon", 0f).build(), x,
                t(new float[] {1, 1}, 2), t(new float[] {0, 0}, 2));
        assertArrayEquals(new float[] {-1, 1, -1, 1}, ln, 1e-6f);
    }

    @Test
    void activationsSoftmaxAndBlend() {
        Tensor x = t(new float[] {-1, 0.5f, 7}, 1, 3);
        assertArrayEquals(new float[] {0, 0.5f, 7}, run(Op.RELU, Attributes.empty(), x));
        assertArrayEquals(new float[] {0, 0.5f, 6}, run(Op.CLIP, Attributes.builder().put("min", 0f).put("max", 6f).build(), x));
        float[] gelu = run(Op.GELU, Attributes.empty(), x);
        assertEquals(-0.15865525f, gelu[0], 1e-7f); // −1·Φ(−1)
        assertEquals(0.34573123f, gelu[1], 1e-7f);
        float[] soft = run(Op.SOFTMAX, Attributes.builder().put("axis", -1).build(), t(new float[] {0, (float) Math.log(3)}, 1, 2));
        assertArrayEquals(new float[] {0.25f, 0.75f}, soft, 1e-7f);
        float[] blend = run(Op.BLEND, Attributes.builder().put("lambda", 0.25f).build(), t(new float[] {4, 8}, 1, 2),
                t(new float[] {0, 0}, 1, 2));
        assertArrayEquals(new float[] {3, 6}, blend);
    }

    @Test
    void layoutOps() {
        Tensor x = Tensor.generate(i -> i, 1, 2, 3);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, run(Op.TRANSPOSE, Attributes.builder().putInts("perm", 0, 2, 1).build(), x));
        assertArrayEquals(new int[] {1, 3, 2}, runTensor(Op.RESHAPE, Attributes.builder().putInts("shape", 0, -1, 2).build(), x).shape());
        assertArrayEquals(new float[] {1, 2, 4, 5}, run(Op.SLICE, Attributes.builder().putInts("starts", 1).putInts("ends", 3)
                .putInts("axes", 2).build(), x));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 4, 5}, run(Op.PAD,
                Attributes.builder().putInts("pads", 0, 1, 0, 0, 0, 0).build(), Tensor.generate(i -> i, 1, 2, 3)));
        assertArrayEquals(new float[] {2.5f}, run(Op.GLOBAL_AVERAGE_POOL, Attributes.empty(), Tensor.generate(i -> i + 1, 1, 1, 2, 2)));
        assertArrayEquals(new float[] {1, 4}, run(Op.REDUCE_MEAN, Attributes.builder().putInts("axes", -1).put("keepdims", 0).build(), x));
        assertArrayEquals(new float[] {5}, run(Op.MAX_POOL, Attributes.builder().putInts("kernel_shape", 2, 3).build(),
                Tensor.generate(i -> i, 1, 1, 2, 3)));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, run(Op.FLATTEN, Attributes.builder().put("axis", 1).build(), x));
    }
}
