package dev.prune.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import dev.prune.ir.Attributes;
import dev.prune.ir.Node;
import java.util.Arrays;
import java.util.List;

/**
 * The IR's ops on DJL arrays, one method per op, with ONNX semantics. Every op is differentiable through
 * PyTorch's autograd. Inputs arrive already looked up; constants that ONNX passes as inputs are
 * attributes in the IR (Reshape's shape, Clip's bounds, Pad's pads, Slice's ranges, Split's sizes).
 */
final class Kernels {

    /** PyTorch's convention: running = (1 − momentum)·running + momentum·batch with momentum 0.1. DJL takes 1 − that. */
    static final float DJL_BATCH_NORM_MOMENTUM = 0.9f;

    private Kernels() {
    }

    static List<NDArray> apply(Node node, List<NDArray> in, Mode mode, float lambda) {
        Attributes a = node.attributes();
        return switch (node.op()) {
            case CONV -> List.of(conv(in, a));
            case GEMM -> List.of(Linear.linear(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null).singletonOrThrow());
            case MAT_MUL -> List.of(in.get(0).matMul(in.get(1)));
            case BATCH_NORMALIZATION -> List.of(BatchNorm.batchNorm(in.get(0), in.get(3), in.get(4), in.get(1), in.get(2), 1,
                    DJL_BATCH_NORM_MOMENTUM, a.getFloat("epsilon", 1e-5f), mode == Mode.TRAIN).singletonOrThrow());
            case LAYER_NORMALIZATION -> List.of(LayerNorm.layerNorm(in.get(0), new Shape(in.get(0).getShape().tail()),
                    in.get(1), in.size() > 2 ? in.get(2) : null, a.getFloat("epsilon", 1e-5f)).singletonOrThrow());
            case RELU -> List.of(Activation.relu(in.get(0)));
            case CLIP -> List.of(in.get(0).clip(a.getFloat("min", Float.NEGATIVE_INFINITY), a.getFloat("max", Float.POSITIVE_INFINITY)));
            case GELU -> List.of(Activation.gelu(in.get(0)));
            case HARD_SWISH -> List.of(in.get(0).mul(hardSigmoid(in.get(0), 1f / 6, 0.5f)));
            case SILU -> List.of(in.get(0).mul(Activation.sigmoid(in.get(0))));
            case SIGMOID -> List.of(Activation.sigmoid(in.get(0)));
            case TANH -> List.of(Activation.tanh(in.get(0)));
            case HARD_SIGMOID -> List.of(hardSigmoid(in.get(0), a.getFloat("alpha", 0.2f), a.getFloat("beta", 0.5f)));
            case ADD -> List.of(in.get(0).add(in.get(1)));
            case SUB -> List.of(in.get(0).sub(in.get(1)));
            case MUL -> List.of(in.get(0).mul(in.get(1)));
            case DIV -> List.of(in.get(0).div(in.get(1)));
            case GLOBAL_AVERAGE_POOL -> List.of(globalAveragePool(in.get(0)));
            case MAX_POOL -> List.of(pool(in.get(0), a, true));
            case AVERAGE_POOL -> List.of(pool(in.get(0), a, false));
            case REDUCE_MEAN -> List.of(reduceMean(in.get(0), a));
            case REDUCE_L2 -> List.of(reduceL2(in.get(0), a));
            case SOFTMAX -> List.of(in.get(0).softmax(axis(a.getInt("axis", -1), in.get(0))));
            case FLATTEN -> List.of(flatten(in.get(0), a.getInt("axis", 1)));
            case RESHAPE -> List.of(reshape(in.get(0), a.getInts("shape", null)));
            case TRANSPOSE -> List.of(in.get(0).transpose(a.getInts("perm", reversed(in.get(0).getShape().dimension()))));
            case CONCAT -> List.of(NDArrays.concat(new NDList(in), axis(a.getInt("axis", 0), in.get(0))));
            case SLICE -> List.of(slice(in.get(0), a));
            case SPLIT -> split(in.get(0), a, node.outputs().size());
            case PAD -> List.of(pad(in.get(0), a.getInts("pads", null), 0));
            case IDENTITY -> List.of(in.get(0));
            // a + λ·(b − a): exactly a at λ = 0 and exactly b at λ = 1.
            case BLEND -> List.of(lambda == 0f ? in.get(0) : lambda == 1f ? in.get(1) : in.get(0).add(Scalars.times(in.get(1).sub(in.get(0)), lambda)));
        };
    }

    private static NDArray conv(List<NDArray> in, Attributes a) {
        int[] strides = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        int[] dilations = a.getInts("dilations", new int[] {1, 1});
        NDArray x = in.get(0);
        boolean symmetric = pads[0] == pads[2] && pads[1] == pads[3];
        if (!symmetric) {
            x = pad(x, new int[] {0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3]}, 0);
        }
        Shape padding = symmetric ? new Shape(pads[0], pads[1]) : new Shape(0, 0);
        return Conv2d.conv2d(x, in.get(1), in.size() > 2 ? in.get(2) : null, new Shape(strides[0], strides[1]), padding,
                new Shape(dilations[0], dilations[1]), a.getInt("group", 1)).singletonOrThrow();
    }

    /** PtNDArray.mean takes one axis at a time: flatten the spatial axes first. */
    private static NDArray globalAveragePool(NDArray x) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        return x.reshape(n, c, -1).mean(new int[] {2}, true).reshape(n, c, 1, 1);
    }

    private static NDArray hardSigmoid(NDArray x, float alpha, float beta) {
        return Scalars.times(x, alpha).add(beta).clip(0f, 1f);
    }

    /** Max or average pooling with ceil mode; asymmetric pads (ONNX allows them) go in front as explicit padding. */
    private static NDArray pool(NDArray x, Attributes a, boolean max) {
        int[] k = a.getInts("kernel_shape", null);
        int[] strides = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        boolean ceil = a.getInt("ceil_mode", 0) == 1;
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            throw new IllegalArgumentException("pooling with asymmetric pads " + Arrays.toString(pads) + " is not supported");
        }
        Shape kernel = new Shape(k[0], k[1]);
        Shape stride = new Shape(strides[0], strides[1]);
        Shape padding = new Shape(pads[0], pads[1]);
        if (max) {
            return Pool.maxPool2d(x, kernel, stride, padding, ceil);
        }
        if (a.getInt("count_include_pad", 0) == 1 || Arrays.stream(pads).allMatch(p -> p == 0)) {
            return Pool.avgPool2d(x, kernel, stride, padding, ceil, true);
        }
        // Averages over the input only: the padded-window average of x over that of ones, the same divisor
        // cancelling (DJL's avgPool2d counted the padding here whatever its flag said).
        return Pool.avgPool2d(x, kernel, stride, padding, ceil, true)
                .div(Pool.avgPool2d(x.onesLike(), kernel, stride, padding, ceil, true));
    }

    private static NDArray reduceMean(NDArray x, Attributes a) {
        int rank = x.getShape().dimension();
        int[] axes = a.getInts("axes", null);
        int[] sorted = axes == null ? reversed(rank) : Arrays.stream(axes).map(ax -> ax < 0 ? ax + rank : ax).sorted().toArray();
        boolean keep = a.getInt("keepdims", 1) == 1;
        NDArray out = x;
        // From the last axis down, so that the remaining axis numbers stay valid.
        int[] descending = Arrays.stream(sorted).boxed().sorted((p, q) -> q - p).mapToInt(Integer::intValue).toArray();
        for (int axis : descending) {
            out = out.mean(new int[] {axis}, keep);
        }
        return out;
    }

    /** √(Σ x²) over the axes (F.normalize's norm). */
    private static NDArray reduceL2(NDArray x, Attributes a) {
        int rank = x.getShape().dimension();
        int[] axes = a.getInts("axes", null);
        int[] all = axes == null ? reversed(rank) : Arrays.stream(axes).map(ax -> ax < 0 ? ax + rank : ax).toArray();
        return x.square().sum(all, a.getInt("keepdims", 1) == 1).sqrt();
    }

    private static NDArray flatten(NDArray x, int axis) {
        Shape shape = x.getShape();
        int at = axis < 0 ? axis + shape.dimension() : axis;
        long outer = 1;
        for (int i = 0; i < at; i++) {
            outer *= shape.get(i);
        }
        return x.reshape(outer, -1);
    }

    /** ONNX Reshape: 0 copies the input's dimension at that position; -1 is inferred. */
    private static NDArray reshape(NDArray x, int[] target) {
        long[] dims = new long[target.length];
        for (int i = 0; i < target.length; i++) {
            dims[i] = target[i] == 0 ? x.getShape().get(i) : target[i];
        }
        return x.reshape(dims);
    }

    private static NDArray slice(NDArray x, Attributes a) {
        int rank = x.getShape().dimension();
        int[] starts = a.getInts("starts", null);
        int[] ends = a.getInts("ends", null);
        int[] axes = a.getInts("axes", null);
        int[] steps = a.getInts("steps", null);
        String[] parts = new String[rank];
        Arrays.fill(parts, ":");
        for (int i = 0; i < starts.length; i++) {
            int axis = axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i];
            long size = x.getShape().get(axis);
            long begin = clamp(starts[i] < 0 ? starts[i] + size : starts[i], size);
            long end = clamp(ends[i] < 0 ? ends[i] + size : ends[i], size);
            parts[axis] = begin + ":" + end + (steps == null ? "" : ":" + steps[i]);
        }
        return x.get(new NDIndex(String.join(",", parts)));
    }

    private static long clamp(long v, long size) {
        return Math.max(0, Math.min(v, size));
    }

    private static List<NDArray> split(NDArray x, Attributes a, int outputs) {
        int axis = axis(a.getInt("axis", 0), x);
        long size = x.getShape().get(axis);
        int[] sizes = a.getInts("split", null);
        long[] points = new long[outputs - 1];
        long at = 0;
        for (int i = 0; i < outputs - 1; i++) {
            at += sizes == null ? size / outputs : sizes[i];
            points[i] = at;
        }
        return x.split(points, axis);
    }

    /** ONNX pads are [x1_begin, x2_begin, …, x1_end, x2_end, …]; PyTorch's are (last_begin, last_end, …, first_begin, first_end). */
    static NDArray pad(NDArray x, int[] pads, double value) {
        int rank = x.getShape().dimension();
        long[] torch = new long[2 * rank];
        for (int axis = 0; axis < rank; axis++) {
            int from = rank - 1 - axis;
            torch[2 * from] = pads[axis];
            torch[2 * from + 1] = pads[axis + rank];
        }
        return x.pad(new Shape(torch), value);
    }

    private static int axis(int axis, NDArray x) {
        return axis < 0 ? axis + x.getShape().dimension() : axis;
    }

    private static int[] reversed(int rank) {
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = rank - 1 - i;
        }
        return perm;
    }
}
