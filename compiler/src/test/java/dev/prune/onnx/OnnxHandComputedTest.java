package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.prune.ir.Attributes;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Graph;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values worked out by hand, checked in ONNX Runtime and in the reference evaluator alike: this pins the
 * reference that {@link OnnxOpsTest} compares every op against.
 */
class OnnxHandComputedTest {

    private static final float TOLERANCE = 1e-5f;

    /** Runs {@code graph} on {@code input} in ORT and in the reference; both must give {@code expected}. */
    private static void check(Graph graph, Array input, float... expected) {
        Array ort = Ort.runSingle(OnnxExporter.export(graph), input);
        Array reference = Array.reference(graph, input);
        assertArrayEquals(expected, ort.data, TOLERANCE, "ONNX Runtime");
        assertArrayEquals(expected, reference.data, TOLERANCE, "reference evaluator");
    }

    private static Array nine() {
        return new Array(new int[] {1, 1, 3, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    @Test
    void convSumsWindowsWithStrideAndPadding() {
        for (int stride : new int[] {1, 2}) {
            GraphBuilder b = new GraphBuilder("conv");
            String x = b.input("input", Shape.of(Shape.DYNAMIC, 1, 3, 3));
            String w = b.trainable("w", Tensor.full(1, 1, 1, 2, 2));
            int pad = stride - 1;
            String y = b.node(Op.CONV, "conv", List.of(x, w), Attributes.builder().putInts("kernel_shape", 2, 2)
                    .putInts("strides", stride, stride).putInts("pads", pad, pad, pad, pad).build());
            // stride 1, no padding: 1+2+4+5, 2+3+5+6, …; stride 2 from (−1, −1): only corners overlap.
            check(b.output(y).build(), nine(), stride == 1 ? new float[] {12, 16, 24, 28} : new float[] {1, 5, 11, 28});
        }
    }

    @Test
    void groupedConvScalesEachChannelByItsOwnKernel() {
        GraphBuilder b = new GraphBuilder("grouped");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 2, 1, 2));
        String w = b.trainable("w", Tensor.of(new float[] {2, 3}, 2, 1, 1, 1));
        String bias = b.trainable("b", Tensor.of(new float[] {0, 1}, 2));
        String y = b.node(Op.CONV, "conv", List.of(x, w, bias), Attributes.builder().put("group", 2).build());
        check(b.output(y).build(), new Array(new int[] {1, 2, 1, 2}, new float[] {1, 2, 3, 4}), 2, 4, 10, 13);
    }

    @Test
    void batchNormUsesRunningStatistics() {
        GraphBuilder b = new GraphBuilder("bn");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 2, 1, 1));
        String y = b.node(Op.BATCH_NORMALIZATION, "bn", List.of(x,
                b.trainable("bn.weight", Tensor.of(new float[] {1, 2}, 2)),
                b.trainable("bn.bias", Tensor.of(new float[] {0, 1}, 2)),
                b.buffer("bn.running_mean", Tensor.of(new float[] {0, 1}, 2)),
                b.buffer("bn.running_var", Tensor.of(new float[] {4, 0.25f}, 2))),
                Attributes.builder().put("epsilon", 1e-7f).build());
        // (1 − 0)/2·1 + 0 and (2 − 1)/0.5·2 + 1
        check(b.output(y).build(), new Array(new int[] {1, 2, 1, 1}, new float[] {1, 2}), 0.5f, 5f);
    }

    @Test
    void layerNormStandardizesTheLastAxis() {
        GraphBuilder b = new GraphBuilder("ln");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 3));
        String y = b.node(Op.LAYER_NORMALIZATION, "ln", List.of(x, b.trainable("w", Tensor.full(1, 3)),
                b.trainable("b", Tensor.zeros(3))), Attributes.builder().put("epsilon", 1e-9f).build());
        float s = (float) Math.sqrt(1.5); // (x − 2)/√(2/3)
        check(b.output(y).build(), new Array(new int[] {1, 3}, new float[] {1, 2, 3}), -s, 0, s);
    }

    @Test
    void gemmOnTokensIsLinearOverTheLastAxis() {
        GraphBuilder b = new GraphBuilder("gemm");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 1, 2));
        String w = b.trainable("fc.weight", Tensor.of(new float[] {1, 0, 1, 1, 0, 2}, 3, 2));
        String bias = b.trainable("fc.bias", Tensor.of(new float[] {0, 1, 2}, 3));
        String y = b.node(Op.GEMM, "fc", List.of(x, w, bias), Attributes.builder().put("transB", 1).build());
        check(b.output(y).build(), new Array(new int[] {1, 1, 2}, new float[] {1, 2}), 1, 4, 6);
    }

    @Test
    void geluIsTheErfForm() {
        GraphBuilder b = new GraphBuilder("gelu");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 4));
        String y = b.node(Op.GELU, "gelu", List.of(x), Attributes.builder().put("approximate", "none").build());
        // x·Φ(x) with Φ the standard normal CDF: Φ(1) = 0.8413447, Φ(2) = 0.9772499.
        check(b.output(y).build(), new Array(new int[] {1, 4}, new float[] {0, 1, -1, 2}),
                0, 0.8413447f, -0.1586553f, 1.9544997f);
    }

    @Test
    void softmaxNormalizesExponentials() {
        GraphBuilder b = new GraphBuilder("softmax");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 3));
        String y = b.node(Op.SOFTMAX, "softmax", List.of(x), Attributes.builder().put("axis", -1).build());
        check(b.output(y).build(), new Array(new int[] {1, 3}, new float[] {0, (float) Math.log(2), (float) Math.log(3)}),
                1 / 6f, 2 / 6f, 3 / 6f);
    }

    @Test
    void blendInterpolatesBetweenItsInputs() {
        float[][] expected = {{0, 2}, {-0.3f, 2}, {-1, 2}}; // a = relu(x) = [0, 2], b = x = [−1, 2]
        float[] lambdas = {0, 0.3f, 1};
        for (int i = 0; i < lambdas.length; i++) {
            GraphBuilder b = new GraphBuilder("blend");
            String x = b.input("input", Shape.of(Shape.DYNAMIC, 2));
            String a = b.node(Op.RELU, "act", List.of(x));
            String y = b.node(Op.BLEND, "blend", List.of(a, x), Attributes.builder().put("lambda", lambdas[i]).build());
            check(b.output(y).build(), new Array(new int[] {1, 2}, new float[] {-1, 2}), expected[i]);
        }
    }

    @Test
    void maxPoolIgnoresPadding() {
        GraphBuilder b = new GraphBuilder("pool");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 1, 3, 3));
        String y = b.node(Op.MAX_POOL, "pool", List.of(x), Attributes.builder().putInts("kernel_shape", 2, 2)
                .putInts("strides", 2, 2).putInts("pads", 1, 1, 1, 1).build());
        Array negative = nine();
        for (int i = 0; i < 9; i++) {
            negative.data[i] = -negative.data[i];
        }
        check(b.output(y).build(), negative, -1, -2, -4, -5);
    }
}
