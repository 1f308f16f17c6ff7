package dev.prune.ir;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Output shapes of one node from the shapes of its inputs, for every {@link Op}. Follows ONNX semantics
 * (with the IR's departures documented on {@link Op}); a dynamic dimension stays dynamic.
 */
public final class ShapeInference {

    private ShapeInference() {
    }

    /**
     * @param shapeOf the shape of any input name (a value or a parameter)
     * @throws IrException naming the node when the inputs do not fit the op
     */
    public static List<Shape> infer(Node node, Function<String, Shape> shapeOf) {
        try {
            Shape[] in = node.inputs().stream().map(shapeOf).toArray(Shape[]::new);
            return inferChecked(node, in);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IrException("node " + node.name() + " (" + node.op().onnxName() + "): " + e.getMessage());
        }
    }

    private static List<Shape> inferChecked(Node node, Shape[] in) {
        Attributes a = node.attributes();
        return switch (node.op()) {
            case CONV -> List.of(conv(in, a));
            case GEMM -> List.of(gemm(in, a));
            case MAT_MUL -> List.of(matMul(in));
            case BATCH_NORMALIZATION -> List.of(batchNorm(in));
            case LAYER_NORMALIZATION -> List.of(layerNorm(in, a));
            case RELU, CLIP, GELU, HARD_SWISH, SILU, TANH, SIGMOID, HARD_SIGMOID, SOFTMAX, IDENTITY -> List.of(unary(in));
            case ADD, SUB, MUL, DIV -> List.of(broadcast(arity(in, 2)[0], in[1]));
            case BLEND -> List.of(blend(in));
            case GLOBAL_AVERAGE_POOL -> List.of(globalPool(in));
            case MAX_POOL, AVERAGE_POOL -> List.of(pool(in, a));
            case REDUCE_MEAN, REDUCE_L2 -> List.of(reduce(in, a));
            case FLATTEN -> List.of(flatten(in, a));
            case RESHAPE -> List.of(reshape(in, a));
            case TRANSPOSE -> List.of(transpose(in, a));
            case CONCAT -> List.of(concat(in, a));
            case SLICE -> List.of(slice(in, a));
            case SPLIT -> split(in, a, node.outputs().size());
            case PAD -> List.of(pad(in, a));
        };
    }

    private static Shape[] arity(Shape[] in, int n) {
        require(in.length == n, "expects " + n + " inputs, got " + in.length);
        return in;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Shape unary(Shape[] in) {
        return arity(in, 1)[0];
    }

    /** Output size of a sliding window along one axis (floor mode). */
    static int window(int size, int kernel, int stride, int padBegin, int padEnd, int dilation) {
        if (size == Shape.DYNAMIC) {
            return Shape.DYNAMIC;
        }
        int span = dilation * (kernel - 1) + 1;
        int out = (size + padBegin + padEnd - span) / stride + 1;
        require(size + padBegin + padEnd >= span, "window " + span + " larger than padded input " + size);
        return out;
    }

    private static Shape conv(Shape[] in, Attributes a) {
        require(in.length == 2 || in.length == 3, "expects X, W and an optional B");
        Shape x = in[0];
        Shape w = in[1];
        require(x.rank() == 4 && w.rank() == 4, "only 2-D convolution (rank-4 X and W) is supported");
        int group = a.getInt("group", 1);
        int[] strides = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        int[] dilations = a.getInts("dilations", new int[] {1, 1});
        require(x.dim(1) == w.dim(1) * group, "X has " + x.dim(1) + " channels, W " + w + " with group " + group
                + " expects " + w.dim(1) * group);
        require(w.dim(0) % group == 0, "output channels " + w.dim(0) + " not divisible by group " + group);
        if (in.length == 3) {
            require(in[2].equals(Shape.of(w.dim(0))), "bias " + in[2] + " does not match " + w.dim(0) + " outputs");
        }
        int h = window(x.dim(2), w.dim(2), strides[0], pads[0], pads[2], dilations[0]);
        int wd = window(x.dim(3), w.dim(3), strides[1], pads[1], pads[3], dilations[1]);
        return Shape.of(x.dim(0), w.dim(0), h, wd);
    }

    private static Shape gemm(Shape[] in, Attributes a) {
        require(in.length == 2 || in.length == 3, "expects X, W and an optional B");
        require(a.getInt("transB", 1) == 1, "only transB = 1 (PyTorch Linear layout) is supported");
        Shape x = in[0];
        Shape w = in[1];
        require(w.rank() == 2, "W must be [out, in], is " + w);
        require(x.rank() >= 2 && x.dim(-1) == w.dim(1), "X " + x + " does not end in " + w.dim(1) + " features");
        if (in.length == 3) {
            require(in[2].equals(Shape.of(w.dim(0))), "bias " + in[2] + " does not match " + w.dim(0) + " outputs");
        }
        return x.with(-1, w.dim(0));
    }

    private static Shape matMul(Shape[] in) {
        arity(in, 2);
        Shape x = in[0];
        Shape y = in[1];
        require(x.rank() >= 2 && y.rank() >= 2, "both operands need rank 2 or more");
        require(x.dim(-1) == y.dim(-2), "inner dimensions differ: " + x + " · " + y);
        int[] xb = Arrays.copyOf(x.dims(), x.rank() - 2);
        int[] yb = Arrays.copyOf(y.dims(), y.rank() - 2);
        int[] batch = broadcast(Shape.of(xb), Shape.of(yb)).dims();
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = x.dim(-2);
        out[batch.length + 1] = y.dim(-1);
        return Shape.of(out);
    }

    private static Shape batchNorm(Shape[] in) {
        arity(in, 5);
        Shape x = in[0];
        require(x.rank() >= 2, "X needs a channel axis");
        for (int i = 1; i < 5; i++) {
            require(in[i].equals(Shape.of(x.dim(1))), "statistic " + i + " is " + in[i] + ", expected [" + x.dim(1) + "]");
        }
        return x;
    }

    private static Shape layerNorm(Shape[] in, Attributes a) {
        require(in.length == 2 || in.length == 3, "expects X, scale and an optional B");
        Shape x = in[0];
        int axis = a.getInt("axis", -1);
        require(x.normalizeAxis(axis) == x.rank() - 1, "only normalization over the last axis is supported");
        for (int i = 1; i < in.length; i++) {
            require(in[i].equals(Shape.of(x.dim(-1))), "affine input " + in[i] + " does not match " + x.dim(-1));
        }
        return x;
    }

    private static Shape blend(Shape[] in) {
        require(in.length == 2 || in.length == 3, "expects a, b and an optional scalar λ");
        if (in.length == 3) {
            require(in[2].elementsPerSample() == 1 && in[2].isStatic(), "λ must be a scalar, is " + in[2]);
        }
        return broadcast(in[0], in[1]);
    }

    /** Numpy (ONNX multidirectional) broadcasting. A dynamic dimension meets 1 or itself. */
    public static Shape broadcast(Shape x, Shape y) {
        int rank = Math.max(x.rank(), y.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int dx = i < rank - x.rank() ? 1 : x.dim(i - (rank - x.rank()));
            int dy = i < rank - y.rank() ? 1 : y.dim(i - (rank - y.rank()));
            if (dx == dy || dy == 1) {
                out[i] = dx;
            } else if (dx == 1) {
                out[i] = dy;
            } else if (dx == Shape.DYNAMIC || dy == Shape.DYNAMIC) {
                out[i] = Math.max(dx, dy); // the static size; the runtime must agree
            } else {
                throw new IllegalArgumentException("cannot broadcast " + x + " with " + y);
            }
        }
        return Shape.of(out);
    }

    private static Shape globalPool(Shape[] in) {
        Shape x = unary(in);
        require(x.rank() >= 3, "needs spatial axes, got " + x);
        int[] out = x.dims();
        Arrays.fill(out, 2, out.length, 1);
        return Shape.of(out);
    }

    private static Shape pool(Shape[] in, Attributes a) {
        Shape x = unary(in);
        require(x.rank() == 4, "only 2-D pooling is supported");
        int[] k = a.getInts("kernel_shape", null);
        require(k != null && k.length == 2, "kernel_shape [kH, kW] is required");
        int[] strides = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        boolean ceil = a.getInt("ceil_mode", 0) == 1;
        return Shape.of(x.dim(0), x.dim(1), pooled(x.dim(2), k[0], strides[0], pads[0], pads[2], ceil),
                pooled(x.dim(3), k[1], strides[1], pads[1], pads[3], ceil));
    }

    /**
     * Output size of a pooling window along one axis. In ceil mode the last, partial window counts too, unless
     * it would start inside the end padding (PyTorch's rule, which ONNX Runtime follows).
     */
    public static int pooled(int size, int kernel, int stride, int padBegin, int padEnd, boolean ceil) {
        if (size == Shape.DYNAMIC || !ceil) {
            return window(size, kernel, stride, padBegin, padEnd, 1);
        }
        require(size + padBegin + padEnd >= kernel, "window " + kernel + " larger than padded input " + size);
        int out = Math.floorDiv(size + padBegin + padEnd - kernel + stride - 1, stride) + 1;
        if ((out - 1) * stride >= size + padBegin) {
            out--;
        }
        return out;
    }

    private static Shape reduce(Shape[] in, Attributes a) {
        Shape x = unary(in);
        int[] axes = a.getInts("axes", null);
        require(axes != null, "axes are required");
        boolean keep = a.getInt("keepdims", 1) == 1;
        boolean[] reduced = new boolean[x.rank()];
        for (int axis : axes) {
            reduced[x.normalizeAxis(axis)] = true;
        }
        int[] out = new int[keep ? x.rank() : x.rank() - countTrue(reduced)];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (!reduced[i]) {
                out[j++] = x.dim(i);
            } else if (keep) {
                out[j++] = 1;
            }
        }
        return Shape.of(out);
    }

    private static int countTrue(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static Shape flatten(Shape[] in, Attributes a) {
        Shape x = unary(in);
        int axis = a.getInt("axis", 1);
        axis = axis < 0 ? axis + x.rank() : axis;
        require(axis >= 0 && axis <= x.rank(), "axis " + axis + " out of range");
        return Shape.of(product(x, 0, axis), product(x, axis, x.rank()));
    }

    /** Product of dims [from, to); dynamic if any of them is. */
    private static int product(Shape x, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            if (x.dim(i) == Shape.DYNAMIC) {
                return Shape.DYNAMIC;
            }
            n *= x.dim(i);
        }
        return n;
    }

    /**
     * ONNX Reshape: 0 copies the input dimension at the same position, -1 is inferred. A dynamic input
     * dimension must be copied with 0 (the batch stays the batch), otherwise -1 cannot be inferred.
     */
    private static Shape reshape(Shape[] in, Attributes a) {
        Shape x = unary(in);
        int[] target = a.getInts("shape", null);
        require(target != null, "shape is required");
        int[] out = new int[target.length];
        boolean[] copied = new boolean[x.rank()];
        int inferAt = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                out[i] = x.dim(i);
                copied[i] = true;
            } else if (target[i] == -1) {
                require(inferAt < 0, "more than one -1 in " + Arrays.toString(target));
                inferAt = i;
            } else {
                out[i] = target[i];
                known *= target[i];
            }
        }
        long remaining = 1;
        boolean dynamic = false;
        for (int i = 0; i < x.rank(); i++) {
            if (!copied[i]) {
                dynamic |= x.dim(i) == Shape.DYNAMIC;
                remaining *= x.dim(i) == Shape.DYNAMIC ? 1 : x.dim(i);
            }
        }
        if (dynamic) {
            // The batch (times a factor) moves into the one -1: [T, N, E] → [T, -1, d] for attention heads.
            require(inferAt >= 0, "dynamic dimension of " + x + " must be copied with 0 or absorbed by -1");
            out[inferAt] = Shape.DYNAMIC;
        } else if (inferAt >= 0) {
            require(known > 0 && remaining % known == 0, "cannot reshape " + x + " to " + Arrays.toString(target));
            out[inferAt] = (int) (remaining / known);
        } else {
            require(remaining == known, "cannot reshape " + x + " to " + Arrays.toString(target));
        }
        return Shape.of(out);
    }

    private static Shape transpose(Shape[] in, Attributes a) {
        Shape x = unary(in);
        int[] perm = a.getInts("perm", null);
        if (perm == null) {
            perm = new int[x.rank()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = x.rank() - 1 - i;
            }
        }
        require(perm.length == x.rank(), "perm " + Arrays.toString(perm) + " does not fit " + x);
        int[] out = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            require(!seen[perm[i]], "perm " + Arrays.toString(perm) + " repeats an axis");
            seen[perm[i]] = true;
            out[i] = x.dim(perm[i]);
        }
        return Shape.of(out);
    }

    private static Shape concat(Shape[] in, Attributes a) {
        require(in.length >= 1, "needs at least one input");
        int axis = in[0].normalizeAxis(a.getInt("axis", 0));
        int total = 0;
        for (Shape s : in) {
            require(s.rank() == in[0].rank(), "ranks differ: " + s + " and " + in[0]);
            for (int i = 0; i < s.rank(); i++) {
                require(i == axis || s.dim(i) == in[0].dim(i), "shapes differ off the axis: " + s + " and " + in[0]);
            }
            require(s.dim(axis) != Shape.DYNAMIC, "cannot concatenate along a dynamic axis");
            total += s.dim(axis);
        }
        return in[0].with(axis, total);
    }

    private static Shape slice(Shape[] in, Attributes a) {
        Shape x = unary(in);
        int[] starts = a.getInts("starts", null);
        int[] ends = a.getInts("ends", null);
        require(starts != null && ends != null && starts.length == ends.length, "starts and ends are required");
        int[] axes = a.getInts("axes", null);
        int[] steps = a.getInts("steps", null);
        Shape out = x;
        for (int i = 0; i < starts.length; i++) {
            int axis = x.normalizeAxis(axes == null ? i : axes[i]);
            int step = steps == null ? 1 : steps[i];
            require(step > 0, "only positive steps are supported");
            int size = x.dim(axis);
            require(size != Shape.DYNAMIC, "cannot slice a dynamic axis");
            int begin = clamp(starts[i] < 0 ? starts[i] + size : starts[i], size);
            int end = clamp(ends[i] < 0 ? ends[i] + size : ends[i], size);
            out = out.with(axis, Math.max(0, (end - begin + step - 1) / step));
        }
        return out;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }

    private static List<Shape> split(Shape[] in, Attributes a, int outputs) {
        Shape x = unary(in);
        int axis = x.normalizeAxis(a.getInt("axis", 0));
        int size = x.dim(axis);
        require(size != Shape.DYNAMIC, "cannot split a dynamic axis");
        int[] sizes = a.getInts("split", null);
        if (sizes == null) {
            require(size % outputs == 0, size + " does not split evenly into " + outputs);
            sizes = new int[outputs];
            Arrays.fill(sizes, size / outputs);
        }
        require(sizes.length == outputs, sizes.length + " sizes for " + outputs + " outputs");
        require(Arrays.stream(sizes).sum() == size, "sizes " + Arrays.toString(sizes) + " do not add up to " + size);
        return Arrays.stream(sizes).mapToObj(s -> x.with(axis, s)).toList();
    }

    private static Shape pad(Shape[] in, Attributes a) {
        Shape x = unary(in);
        require("constant".equals(a.getString("mode", "constant")), "only constant padding is supported");
        int[] pads = a.getInts("pads", null);
        require(pads != null && pads.length == 2 * x.rank(), "pads needs " + 2 * x.rank() + " values");
        int[] out = x.dims();
        for (int i = 0; i < out.length; i++) {
            require(pads[i] >= 0 && pads[i + out.length] >= 0, "negative pads are not supported");
            if (out[i] != Shape.DYNAMIC) {
                out[i] += pads[i] + pads[i + out.length];
            } else {
                require(pads[i] == 0 && pads[i + out.length] == 0, "cannot pad a dynamic axis");
            }
        }
        return Shape.of(out);
    }
}
