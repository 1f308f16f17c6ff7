package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One tiny graph per op kind and variant (strides, groups, broadcasting, λ…), each with a dynamic batch,
 * random weights and a single output. {@link #all()} lists them with the op family they test.
 */
final class TinyGraphs {

    record Case(String family, String name, Graph graph) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int N = Shape.DYNAMIC;

    private final GraphBuilder b;
    private final SplittableRandom random;

    private TinyGraphs(String name, long seed) {
        this.b = new GraphBuilder(name);
        this.random = new SplittableRandom(seed);
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("Conv", "conv_groups_stride_pads", conv(4, 6, 2, new int[] {2, 1}, new int[] {1, 0, 1, 2}, 1)));
        cases.add(new Case("Conv", "conv_depthwise_dilated", conv(3, 3, 3, new int[] {1, 1}, new int[] {2, 2, 2, 2}, 2)));
        cases.add(new Case("BatchNormalization", "batchnorm", batchNorm()));
        cases.add(new Case("LayerNormalization", "layernorm", layerNorm()));
        cases.add(new Case("Gemm", "gemm_rank2", gemm(Shape.of(N, 5), true)));
        cases.add(new Case("Gemm", "gemm_rank3", gemm(Shape.of(N, 3, 5), true)));
        cases.add(new Case("Gemm", "gemm_rank4_no_bias", gemm(Shape.of(N, 2, 3, 5), false)));
        cases.add(new Case("MatMul", "matmul_values_batched", matMulValues()));
        cases.add(new Case("MatMul", "matmul_weight_broadcast", matMulWeight()));
        cases.add(new Case("Softmax", "softmax_last_axis", softmax(-1)));
        cases.add(new Case("Softmax", "softmax_axis_1", softmax(1)));
        cases.add(new Case("Gelu", "gelu", unary(Op.GELU, Attributes.builder().put("approximate", "none").build())));
        cases.add(new Case("Relu", "relu", unary(Op.RELU, Attributes.empty())));
        cases.add(new Case("Clip", "clip_relu6", unary(Op.CLIP, Attributes.builder().put("min", 0f).put("max", 6f).build())));
        cases.add(new Case("Clip", "clip_min_only", unary(Op.CLIP, Attributes.builder().put("min", -0.5f).build())));
        cases.add(new Case("Arithmetic", "add_sub_mul_div_broadcast", arithmetic()));
        cases.add(new Case("GlobalAveragePool", "global_average_pool", unary(Op.GLOBAL_AVERAGE_POOL, Attributes.empty())));
        cases.add(new Case("ReduceMean", "reduce_mean_keepdims", unary(Op.REDUCE_MEAN,
                Attributes.builder().putInts("axes", 2, 3).put("keepdims", 1).build())));
        cases.add(new Case("ReduceMean", "reduce_mean_last_squeezed", unary(Op.REDUCE_MEAN,
                Attributes.builder().putInts("axes", -1).put("keepdims", 0).build())));
        cases.add(new Case("Layout", "flatten", unary(Op.FLATTEN, Attributes.builder().put("axis", 1).build())));
        cases.add(new Case("Layout", "reshape", unary(Op.RESHAPE, Attributes.builder().putInts("shape", 0, -1, 2).build())));
        cases.add(new Case("Layout", "transpose", unary(Op.TRANSPOSE, Attributes.builder().putInts("perm", 0, 3, 1, 2).build())));
        cases.add(new Case("Layout", "slice_axes_steps", unary(Op.SLICE, Attributes.builder()
                .putInts("starts", 1, -4).putInts("ends", 3, 100).putInts("axes", 1, 3).putInts("steps", 1, 2).build())));
        cases.add(new Case("Layout", "slice_negative_ends", unary(Op.SLICE, Attributes.builder()
                .putInts("starts", -3).putInts("ends", -1).putInts("axes", -2).build())));
        cases.add(new Case("Layout", "split_concat", splitConcat()));
        cases.add(new Case("Layout", "pad_zero", unary(Op.PAD, Attributes.builder().put("mode", "constant")
                .putInts("pads", 0, 1, 0, 2, 0, 2, 1, 0).build())));
        cases.add(new Case("Layout", "pad_value", unary(Op.PAD, Attributes.builder().put("mode", "constant")
                .putInts("pads", 0, 0, 1, 1, 0, 0, 1, 1).put("value", 0.5f).build())));
        cases.add(new Case("Layout", "identity", unary(Op.IDENTITY, Attributes.empty())));
        cases.add(new Case("MaxPool", "max_pool", unary(Op.MAX_POOL, Attributes.builder().putInts("kernel_shape", 3, 3)
                .putInts("strides", 2, 2).putInts("pads", 1, 1, 1, 1).build())));
        cases.add(new Case("MaxPool", "max_pool_ceil", unary(Op.MAX_POOL, Attributes.builder().putInts("kernel_shape", 3, 3)
                .putInts("strides", 2, 2).putInts("pads", 0, 0, 0, 0).put("ceil_mode", 1).build())));
        cases.add(new Case("AveragePool", "average_pool_ceil_exclude_pad", unary(Op.AVERAGE_POOL, Attributes.builder()
                .putInts("kernel_shape", 3, 3).putInts("strides", 2, 2).putInts("pads", 1, 1, 1, 1).put("ceil_mode", 1)
                .put("count_include_pad", 0).build())));
        cases.add(new Case("AveragePool", "average_pool_include_pad", unary(Op.AVERAGE_POOL, Attributes.builder()
                .putInts("kernel_shape", 3, 3).putInts("strides", 1, 1).putInts("pads", 1, 1, 1, 1)
                .put("count_include_pad", 1).build())));
        cases.add(new Case("AveragePool", "average_pool_2x2", unary(Op.AVERAGE_POOL, Attributes.builder()
                .putInts("kernel_shape", 2, 2).putInts("strides", 2, 2).putInts("pads", 0, 0, 0, 0).build())));
        cases.add(new Case("Sigmoid", "sigmoid", unary(Op.SIGMOID, Attributes.empty())));
        cases.add(new Case("HardSigmoid", "hard_sigmoid", unary(Op.HARD_SIGMOID, Attributes.builder()
                .put("alpha", 1f / 6).put("beta", 0.5f).build())));
        cases.add(new Case("HardSwish", "hard_swish", unary(Op.HARD_SWISH, Attributes.empty())));
        cases.add(new Case("Silu", "silu", unary(Op.SILU, Attributes.empty())));
        cases.add(new Case("Tanh", "tanh", unary(Op.TANH, Attributes.empty())));
        cases.add(new Case("ReduceL2", "reduce_l2_last_keep", unary(Op.REDUCE_L2, Attributes.builder()
                .putInts("axes", -1).put("keepdims", 1).build())));
        cases.add(new Case("ReduceL2", "reduce_l2_two_axes", unary(Op.REDUCE_L2, Attributes.builder()
                .putInts("axes", 1, 3).put("keepdims", 0).build())));
        for (float lambda : new float[] {0f, 0.3f, 1f}) {
            cases.add(new Case("Blend", "blend_inner_lambda_" + lambda, blend(lambda, false)));
            cases.add(new Case("Blend", "blend_output_lambda_" + lambda, blend(lambda, true)));
        }
        cases.add(new Case("Blend", "blend_lambda_input", blendLambdaInput()));
        return cases;
    }

    /** The shape of the input of {@link #unary} graphs: [N, 3, 4, 5]. */
    static final int[] UNARY_INPUT = {3, 4, 5};

    private Tensor randn(int... shape) {
        return Tensor.generate(i -> random.nextGaussian(), shape);
    }

    private Tensor uniform(double lo, double hi, int... shape) {
        return Tensor.generate(i -> lo + (hi - lo) * random.nextDouble(), shape);
    }

    private Graph out(String y) {
        return b.output(y).build();
    }

    private static Graph conv(int in, int out, int group, int[] strides, int[] pads, int dilation) {
        TinyGraphs t = new TinyGraphs("conv", 1);
        String x = t.b.input("input", Shape.of(N, in, 7, 6));
        String w = t.b.trainable("conv.weight", t.randn(out, in / group, 3, 3));
        String bias = t.b.trainable("conv.bias", t.randn(out));
        return t.out(t.b.node(Op.CONV, "conv", List.of(x, w, bias), Attributes.builder()
                .putInts("kernel_shape", 3, 3).putInts("strides", strides).putInts("pads", pads)
                .putInts("dilations", dilation, dilation).put("group", group).build()));
    }

    private static Graph batchNorm() {
        TinyGraphs t = new TinyGraphs("bn", 2);
        String x = t.b.input("input", Shape.of(N, 3, 4, 5));
        return t.out(t.b.node(Op.BATCH_NORMALIZATION, "bn", List.of(x,
                t.b.trainable("bn.weight", t.randn(3)), t.b.trainable("bn.bias", t.randn(3)),
                t.b.buffer("bn.running_mean", t.randn(3)), t.b.buffer("bn.running_var", t.uniform(0.2, 2, 3))),
                Attributes.builder().put("epsilon", 1e-5f).build()));
    }

    private static Graph layerNorm() {
        TinyGraphs t = new TinyGraphs("ln", 3);
        String x = t.b.input("input", Shape.of(N, 5, 6));
        return t.out(t.b.node(Op.LAYER_NORMALIZATION, "ln", List.of(x,
                t.b.trainable("ln.weight", t.randn(6)), t.b.trainable("ln.bias", t.randn(6))),
                Attributes.builder().put("axis", -1).put("epsilon", 1e-6f).build()));
    }

    private static Graph gemm(Shape input, boolean bias) {
        TinyGraphs t = new TinyGraphs("gemm", 4);
        String x = t.b.input("input", input);
        List<String> in = new ArrayList<>(List.of(x, t.b.trainable("fc.weight", t.randn(4, 5))));
        if (bias) {
            in.add(t.b.trainable("fc.bias", t.randn(4)));
        }
        return t.out(t.b.node(Op.GEMM, "fc", in, Attributes.builder().put("transB", 1).build()));
    }

    private static Graph matMulValues() {
        TinyGraphs t = new TinyGraphs("matmul", 5);
        String x = t.b.input("input", Shape.of(N, 2, 3, 4));
        String xT = t.b.node(Op.TRANSPOSE, "xT", List.of(x), Attributes.builder().putInts("perm", 0, 1, 3, 2).build());
        return t.out(t.b.node(Op.MAT_MUL, "mm", List.of(x, xT)));
    }

    private static Graph matMulWeight() {
        TinyGraphs t = new TinyGraphs("matmul_w", 6);
        String x = t.b.input("input", Shape.of(N, 2, 3, 4));
        return t.out(t.b.node(Op.MAT_MUL, "mm", List.of(x, t.b.trainable("w", t.randn(4, 5)))));
    }

    private static Graph softmax(int axis) {
        TinyGraphs t = new TinyGraphs("softmax", 7);
        String x = t.b.input("input", Shape.of(N, 3, 4));
        return t.out(t.b.node(Op.SOFTMAX, "softmax", List.of(x), Attributes.builder().put("axis", axis).build()));
    }

    private static Graph unary(Op op, Attributes attributes) {
        TinyGraphs t = new TinyGraphs(op.onnxName(), 8);
        String x = t.b.input("input", Shape.of(N, UNARY_INPUT[0], UNARY_INPUT[1], UNARY_INPUT[2]));
        return t.out(t.b.node(op, "op", List.of(x), attributes));
    }

    /** ((x + a[3,1,1]) − s[5]) · m[1,4,1] / d[3,4,5], then − x (value with value). */
    private static Graph arithmetic() {
        TinyGraphs t = new TinyGraphs("arith", 9);
        String x = t.b.input("input", Shape.of(N, 3, 4, 5));
        String y = t.b.node(Op.ADD, "add", List.of(x, t.b.trainable("a", t.randn(3, 1, 1))));
        y = t.b.node(Op.SUB, "sub", List.of(y, t.b.trainable("s", t.randn(5))));
        y = t.b.node(Op.MUL, "mul", List.of(t.b.trainable("m", t.randn(1, 4, 1)), y));
        y = t.b.node(Op.DIV, "div", List.of(y, t.b.trainable("d", t.uniform(0.5, 2, 3, 4, 5))));
        return t.out(t.b.node(Op.SUB, "sub_x", List.of(y, x)));
    }

    private static Graph splitConcat() {
        TinyGraphs t = new TinyGraphs("split", 10);
        String x = t.b.input("input", Shape.of(N, 3, 6));
        List<String> parts = t.b.node(Op.SPLIT, "split", List.of(x),
                Attributes.builder().put("axis", -1).putInts("split", 2, 3, 1).build(), 3);
        return t.out(t.b.node(Op.CONCAT, "concat", List.of(parts.get(2), parts.get(0), parts.get(1)),
                Attributes.builder().put("axis", 2).build()));
    }

    /** Blend(relu(x), x·w, λ), either as the graph output or followed by + c. */
    private static Graph blend(float lambda, boolean asOutput) {
        TinyGraphs t = new TinyGraphs("blend", 11);
        String x = t.b.input("input", Shape.of(N, 3, 4));
        String a = t.b.node(Op.RELU, "act", List.of(x));
        String bb = t.b.node(Op.MUL, "scale", List.of(x, t.b.trainable("w", t.randn(4))));
        String y = t.b.node(Op.BLEND, "blend", List.of(a, bb), Attributes.builder().put("lambda", lambda).build());
        return t.out(asOutput ? y : t.b.node(Op.ADD, "after", List.of(y, t.b.trainable("c", t.randn(4)))));
    }

    private static Graph blendLambdaInput() {
        TinyGraphs t = new TinyGraphs("blend_input", 12);
        String x = t.b.input("input", Shape.of(N, 3, 4));
        String a = t.b.node(Op.RELU, "act", List.of(x));
        String lambda = t.b.constant("blend.lambda", Tensor.scalar(0.7f));
        return t.out(t.b.node(Op.BLEND, "blend", List.of(a, x, lambda)));
    }
}
