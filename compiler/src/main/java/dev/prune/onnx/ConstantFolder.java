package dev.prune.onnx;

import dev.prune.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computes at import time what an exported graph computes from constants alone: Constant nodes, and the
 * shape subgraphs that {@code torch.onnx.export} writes for a dynamic batch (Shape → Gather → Unsqueeze →
 * Concat → Reshape, Expand's Equal/Where dance), which the IR keeps as attributes. The batch size is carried
 * symbolically ({@link Folded#BATCH}); anything that does arithmetic with it cannot be folded.
 *
 * <p>A value folds when it is an initializer, or a supported op's output whose inputs all fold; Shape folds
 * when its input is an activation of known shape. Results are remembered; failures keep their reason, so the
 * node that needed the value can say why it is not constant.
 */
final class ConstantFolder {

    /** A value that is not known at import time; the message says why. */
    static final class Unfoldable extends RuntimeException {
        Unfoldable(String reason) {
            super(reason);
        }
    }

    private final Map<String, OnnxTensor> initializers;
    private final Map<String, OnnxNode> producers;
    private final Function<String, Optional<Shape>> activationShape;
    private final Function<String, Long> batchFactor;
    private final Map<String, Folded> known = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    /**
     * @param activationShape the shape of a value the importer has already turned into an IR value, empty for
     *     any other value
     */
    ConstantFolder(Map<String, OnnxTensor> initializers, Map<String, OnnxNode> producers,
            Function<String, Optional<Shape>> activationShape, Function<String, Long> batchFactor) {
        this.initializers = initializers;
        this.producers = producers;
        this.activationShape = activationShape;
        this.batchFactor = batchFactor;
    }

    /** The value if it is known at import time. */
    Optional<Folded> fold(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Folded k = known.get(value);
        if (k != null) {
            return Optional.of(k);
        }
        OnnxTensor init = initializers.get(value);
        if (init != null) {
            k = Folded.of(init);
            known.put(value, k);
            return Optional.of(k);
        }
        OnnxNode p = producers.get(value);
        if (p == null || activationShape.apply(value).isPresent()) {
            return Optional.empty();
        }
        try {
            List<Folded> outs = evaluate(p);
            for (int i = 0; i < outs.size() && i < p.outputs().size(); i++) {
                known.put(p.outputs().get(i), outs.get(i));
            }
            return Optional.ofNullable(known.get(value));
        } catch (Unfoldable e) {
            reasons.put(value, e.getMessage());
            return Optional.empty();
        }
    }

    /** Why {@code value} did not fold, if a fold was attempted and failed. */
    Optional<String> reason(String value) {
        return Optional.ofNullable(reasons.get(value));
    }

    /** The value, or {@link Unfoldable} naming what it is for. */
    Folded require(String value, String role) {
        return fold(value).orElseThrow(() -> new Unfoldable(role + " (" + value + ") is computed at run time"
                + reason(value).map(r -> ": " + r).orElse("") + "; it must be a constant"));
    }

    // ---- evaluation, one method per op ----

    private List<Folded> evaluate(OnnxNode n) {
        if (!n.domain().isEmpty()) {
            throw new Unfoldable("op " + n.domain() + "." + n.opType() + " is not folded");
        }
        if (n.opType().equals("Shape")) {
            return List.of(shape(n));
        }
        List<Folded> in = new ArrayList<>();
        for (String name : n.inputs()) {
            in.add(name.isEmpty() ? null : fold(name).orElseThrow(() -> new Unfoldable(
                    "input " + name + " of " + n.opType() + " is computed at run time")));
        }
        return List.of(switch (n.opType()) {
            case "Constant" -> constant(n);
            case "Identity" -> in.get(0);
            case "Cast" -> cast(in.get(0), intAttr(n, "to", 1));
            case "Gather" -> gather(in.get(0), in.get(1), (int) intAttr(n, "axis", 0));
            case "Slice" -> slice(in.get(0), in.get(1), in.get(2), at(in, 3), at(in, 4));
            case "Concat" -> concat(in, (int) intAttr(n, "axis", 0));
            case "Unsqueeze" -> unsqueeze(in.get(0), axes(n, in));
            case "Squeeze" -> squeeze(in.get(0), axes(n, in));
            case "Reshape" -> reshape(in.get(0), in.get(1));
            case "Transpose" -> transpose(in.get(0), n.attribute("perm").map(OnnxAttribute::intsValue).orElse(null));
            case "ConstantOfShape" -> constantOfShape(n, in.get(0));
            case "Add", "Sub", "Mul", "Div", "Pow", "Equal" -> binary(n.opType(), in.get(0), in.get(1));
            case "Mod" -> binary(intAttr(n, "fmod", 0) == 1 ? "Fmod" : "Mod", in.get(0), in.get(1));
            case "Sqrt" -> unaryFloat(in.get(0), Math::sqrt);
            case "Where" -> where(in.get(0), in.get(1), in.get(2));
            case "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Min", "Max" ->
                    binary(n.opType(), in.get(0), in.get(1));
            case "Not" -> unaryInt(in.get(0), v -> v == 0 ? 1 : 0);
            case "Neg" -> in.get(0).isFloat() ? unaryFloat(in.get(0), v -> -v) : unaryInt(in.get(0), v -> -v);
            case "Abs" -> in.get(0).isFloat() ? unaryFloat(in.get(0), Math::abs) : unaryInt(in.get(0), Math::abs);
            case "Relu" -> unaryFloat(in.get(0), v -> Math.max(0, v));
            case "Sigmoid" -> unaryFloat(in.get(0), v -> 1 / (1 + Math.exp(-v)));
            case "Exp" -> unaryFloat(in.get(0), Math::exp);
            case "Log" -> unaryFloat(in.get(0), Math::log);
            case "Sign" -> unaryFloat(in.get(0), Math::signum);
            case "Floor" -> unaryFloat(in.get(0), Math::floor);
            case "Ceil" -> unaryFloat(in.get(0), Math::ceil);
            case "Clip" -> clip(in.get(0), at(in, 1), at(in, 2));
            case "Range" -> range(in.get(0), in.get(1), in.get(2));
            case "Expand" -> expand(in.get(0), in.get(1));
            case "ScatterND" -> scatterNd(n, in.get(0), in.get(1), in.get(2));
            case "MatMul" -> matMul(in.get(0), in.get(1));
            default -> throw new Unfoldable("op " + n.opType() + " is not folded at import time");
        });
    }

    private static Folded at(List<Folded> in, int i) {
        return i < in.size() ? in.get(i) : null;
    }

    private static long intAttr(OnnxNode n, String name, long fallback) {
        return n.attribute(name).map(OnnxAttribute::intValue).orElse(fallback);
    }

    /**
     * Shape(x) of an activation or a constant: x's dimensions, the dynamic one as {@link Folded#BATCH};
     * opset 15's start/end respected.
     */
    private Folded shape(OnnxNode n) {
        String x = n.inputs().get(0);
        Shape s = activationShape.apply(x)
                .or(() -> fold(x).map(f -> Shape.of(f.shape())))
                .orElseThrow(() -> new Unfoldable("the shape of " + x + " is not known"));
        int rank = s.rank();
        int start = clampAxis((int) intAttr(n, "start", 0), rank);
        int end = clampAxis((int) intAttr(n, "end", rank), rank);
        long[] dims = new long[Math.max(0, end - start)];
        for (int i = 0; i < dims.length; i++) {
            int d = s.dim(start + i);
            dims[i] = d == Shape.DYNAMIC ? Folded.batchTimes(batchFactor.apply(x)) : d;
        }
        return Folded.ofInts(dims, dims.length);
    }

    private static int clampAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, a));
    }

    private static Folded constant(OnnxNode n) {
        if (n.attributes().size() != 1) {
            throw new Unfoldable("Constant needs exactly one value attribute");
        }
        OnnxAttribute a = n.attributes().get(0);
        return switch (a.name()) {
            case "value" -> Folded.of(a.tensorValue());
            case "value_float" -> Folded.ofFloats(new float[] {a.floatValue()});
            case "value_floats" -> Folded.ofFloats(a.floatsValue(), a.floatsValue().length);
            case "value_int" -> Folded.ofInts(new long[] {a.intValue()});
            case "value_ints" -> Folded.ofInts(a.intsValue(), a.intsValue().length);
            default -> throw new Unfoldable("Constant attribute " + a.name() + " is not supported");
        };
    }

    /** Cast between the float and integer families (bool as integer 0/1). */
    private static Folded cast(Folded x, long to) {
        if (to == OnnxTensor.DataType.BOOL.code()) {
            long[] v = new long[x.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = x.number(i) != 0 ? 1 : 0;
            }
            return Folded.ofInts(v, x.shape());
        }
        boolean toFloat = to == 1 || to == 10 || to == 11 || to == 16;
        if (toFloat == x.isFloat()) {
            return x;
        }
        if (toFloat) {
            float[] f = new float[x.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) x.number(i);
            }
            return Folded.ofFloats(f, x.shape());
        }
        long[] v = new long[x.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) x.number(i);
        }
        return Folded.ofInts(v, x.shape());
    }

    /** ONNX Gather along any axis: data[..., indices, ...]. */
    private static Folded gather(Folded data, Folded indices, int axis) {
        int rank = data.rank();
        int a = axis < 0 ? axis + rank : axis;
        int[] ds = data.shape();
        int outer = Arrays.stream(ds, 0, a).reduce(1, (x, y) -> x * y);
        int inner = Arrays.stream(ds, a + 1, rank).reduce(1, (x, y) -> x * y);
        long[] idx = indices.ints();
        int[] src = new int[outer * idx.length * inner];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (long i : idx) {
                long j = i < 0 ? i + ds[a] : i;
                if (j < 0 || j >= ds[a]) {
                    throw new Unfoldable("Gather index " + i + " is out of range for axis " + a + " of "
                            + Arrays.toString(ds));
                }
                for (int in = 0; in < inner; in++) {
                    src[k++] = (int) ((o * ds[a] + j) * inner + in);
                }
            }
        }
        int[] shape = new int[rank - 1 + indices.rank()];
        System.arraycopy(ds, 0, shape, 0, a);
        System.arraycopy(indices.shape(), 0, shape, a, indices.rank());
        System.arraycopy(ds, a + 1, shape, a + indices.rank(), rank - a - 1);
        return pick(data, src, shape);
    }

    /** The elements {@code src} of {@code x}, in that order, as a value of {@code shape}. */
    private static Folded pick(Folded x, int[] src, int[] shape) {
        if (x.isFloat()) {
            float[] out = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                out[i] = x.floats()[src[i]];
            }
            return Folded.ofFloats(out, shape);
        }
        long[] out = new long[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = x.ints()[src[i]];
        }
        return Folded.ofInts(out, shape);
    }

    /**
     * ONNX Slice of any rank: any axes, negative steps (F.pad's reversed pairs); floats too (Swin's attention
     * mask, built by slice assignments on a constant).
     */
    private static Folded slice(Folded data, Folded starts, Folded ends, Folded axes, Folded steps) {
        if (data.mentionsBatch() && data.rank() != 1) {
            throw new Unfoldable("Slice of a value holding the batch size is folded on vectors only");
        }
        int rank = data.rank();
        int[] shape = data.shape();
        List<List<Integer>> picks = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < shape[d]; i++) {
                all.add(i);
            }
            picks.add(all);
        }
        for (int k = 0; k < starts.size(); k++) {
            int axis = (int) (axes == null ? k : axes.ints()[k] < 0 ? axes.ints()[k] + rank : axes.ints()[k]);
            long n = shape[axis];
            long step = steps == null ? 1 : steps.ints()[k];
            if (step == 0) {
                throw new Unfoldable("Slice with step 0");
            }
            long start = starts.ints()[k] < 0 ? starts.ints()[k] + n : starts.ints()[k];
            long end = ends.ints()[k] < 0 ? Math.max(ends.ints()[k], Long.MIN_VALUE / 2) + n : ends.ints()[k];
            List<Integer> picked = new ArrayList<>();
            if (step > 0) {
                for (long i = Math.max(0, Math.min(n, start)); i < Math.max(0, Math.min(n, end)); i += step) {
                    picked.add((int) i);
                }
            } else {
                for (long i = Math.max(-1, Math.min(n - 1, start)); i > Math.max(-1, Math.min(n - 1, end)); i += step) {
                    picked.add((int) i);
                }
            }
            picks.set(axis, picked);
        }
        int[] outShape = picks.stream().mapToInt(List::size).toArray();
        int size = Arrays.stream(outShape).reduce(1, (x, y) -> x * y);
        int[] src = new int[size];
        int[] idx = new int[rank];
        for (int i = 0; i < size; i++) {
            int from = 0;
            for (int d = 0; d < rank; d++) {
                from = from * shape[d] + picks.get(d).get(idx[d]);
            }
            src[i] = from;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outShape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return pick(data, src, outShape);
    }

    private static long clamp(long v, int n) {
        return Math.max(0, Math.min(n, v));
    }

    /** ONNX Concat of any rank; integers and floats mix only as floats. */
    private static Folded concat(List<Folded> in, int axis) {
        int rank = in.get(0).rank();
        int a = axis < 0 ? axis + rank : axis;
        boolean floats = in.stream().anyMatch(Folded::isFloat);
        List<Folded> parts = in.stream().map(f -> floats && !f.isFloat() ? cast(f, 1) : f).toList();
        int[] shape = parts.get(0).shape().clone();
        shape[a] = parts.stream().mapToInt(f -> f.shape()[a]).sum();
        int outer = Arrays.stream(shape, 0, a).reduce(1, (x, y) -> x * y);
        int inner = Arrays.stream(shape, a + 1, rank).reduce(1, (x, y) -> x * y);
        int size = outer * shape[a] * inner;
        float[] outF = floats ? new float[size] : null;
        long[] outI = floats ? null : new long[size];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (Folded f : parts) {
                int block = f.shape()[a] * inner;
                if (floats) {
                    System.arraycopy(f.floats(), o * block, outF, k, block);
                } else {
                    System.arraycopy(f.ints(), o * block, outI, k, block);
                }
                k += block;
            }
        }
        return floats ? Folded.ofFloats(outF, shape) : Folded.ofInts(outI, shape);
    }

    /** Unsqueeze's and Squeeze's axes: an input from opset 13, an attribute before. */
    private static long[] axes(OnnxNode n, List<Folded> in) {
        if (in.size() > 1 && in.get(1) != null) {
            return in.get(1).ints();
        }
        return n.attribute("axes").map(OnnxAttribute::intsValue).orElse(null);
    }

    private static Folded unsqueeze(Folded x, long[] axes) {
        int rank = x.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[(int) (a < 0 ? a + rank : a)] = true;
        }
        int[] shape = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            shape[i] = inserted[i] ? 1 : x.shape()[j++];
        }
        return withShape(x, shape);
    }

    private static Folded squeeze(Folded x, long[] axes) {
        List<Integer> shape = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            boolean drop = false;
            if (axes == null) {
                drop = x.shape()[i] == 1;
            } else {
                for (long a : axes) {
                    drop |= (a < 0 ? a + x.rank() : a) == i;
                }
            }
            if (!drop) {
                shape.add(x.shape()[i]);
            }
        }
        return withShape(x, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Folded reshape(Folded x, Folded target) {
        long[] t = target.ints();
        int[] shape = new int[t.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            if (Folded.isBatch(t[i])) {
                throw new Unfoldable("a constant cannot be reshaped to the batch size");
            }
            shape[i] = t[i] == 0 ? x.shape()[i] : (int) t[i];
            if (t[i] == -1) {
                infer = i;
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            shape[infer] = (int) (x.size() / known);
        }
        return withShape(x, shape);
    }

    private static Folded withShape(Folded x, int[] shape) {
        return x.isFloat() ? Folded.ofFloats(x.floats(), shape) : Folded.ofInts(x.ints(), shape);
    }

    private static Folded transpose(Folded x, long[] perm) {
        int rank = x.rank();
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = perm == null ? rank - 1 - i : (int) perm[i];
        }
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = x.shape()[p[i]];
        }
        int[] inStrides = strides(x.shape());
        int size = x.size();
        float[] outF = x.isFloat() ? new float[size] : null;
        long[] outI = x.isFloat() ? null : new long[size];
        int[] index = new int[rank];
        for (int flat = 0; flat < size; flat++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += index[i] * inStrides[p[i]];
            }
            if (outF != null) {
                outF[flat] = x.floats()[src];
            } else {
                outI[flat] = x.ints()[src];
            }
            for (int i = rank - 1; i >= 0 && ++index[i] == outShape[i]; i--) {
                index[i] = 0;
            }
        }
        return outF != null ? Folded.ofFloats(outF, outShape) : Folded.ofInts(outI, outShape);
    }

    private static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    private static Folded constantOfShape(OnnxNode n, Folded shape) {
        if (shape.mentionsBatch()) {
            throw new Unfoldable("ConstantOfShape of a batch-sized shape is not folded");
        }
        int[] dims = Arrays.stream(shape.ints()).mapToInt(Math::toIntExact).toArray();
        Folded fill = n.attribute("value").map(a -> Folded.of(a.tensorValue()))
                .orElse(Folded.ofFloats(new float[] {0f}, 1));
        int size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (fill.isFloat()) {
            float[] f = new float[size];
            Arrays.fill(f, fill.floats()[0]);
            return Folded.ofFloats(f, dims);
        }
        long[] v = new long[size];
        Arrays.fill(v, fill.ints()[0]);
        return Folded.ofInts(v, dims);
    }

    private static Folded unaryFloat(Folded x, java.util.function.DoubleUnaryOperator f) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(x.number(i));
        }
        return Folded.ofFloats(out, x.shape());
    }

    /** Elementwise with numpy broadcasting; the batch size survives only ×1, ÷1 and comparisons. */
    private static Folded binary(String op, Folded a, Folded b) {
        int[] shape = broadcastShape(a.shape(), b.shape());
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        boolean floats = a.isFloat() || b.isFloat();
        boolean compare = List.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or")
                .contains(op);
        float[] outF = floats && !compare ? new float[size] : null;
        long[] outI = outF == null ? new long[size] : null;
        for (int i = 0; i < size; i++) {
            int ia = source(i, shape, a.shape());
            int ib = source(i, shape, b.shape());
            if (!floats && (Folded.isBatch(a.ints()[ia]) || Folded.isBatch(b.ints()[ib]))) {
                outI[i] = batchArithmetic(op, a.ints()[ia], b.ints()[ib]);
                continue;
            }
            double x = a.number(ia);
            double y = b.number(ib);
            double r = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                case "Div" -> floats ? x / y : (double) ((long) x / (long) y);
                case "Pow" -> Math.pow(x, y);
                case "Mod" -> floats ? x - Math.floor(x / y) * y : (double) Math.floorMod((long) x, (long) y);
                case "Fmod" -> x % y;
                case "Equal" -> x == y ? 1 : 0;
                case "Less" -> x < y ? 1 : 0;
                case "Greater" -> x > y ? 1 : 0;
                case "LessOrEqual" -> x <= y ? 1 : 0;
                case "GreaterOrEqual" -> x >= y ? 1 : 0;
                case "And" -> x != 0 && y != 0 ? 1 : 0;
                case "Or" -> x != 0 || y != 0 ? 1 : 0;
                case "Min" -> Math.min(x, y);
                case "Max" -> Math.max(x, y);
                default -> throw new IllegalStateException(op);
            };
            if (outF != null) {
                outF[i] = (float) r;
            } else {
                outI[i] = (long) r;
            }
        }
        return outF != null ? Folded.ofFloats(outF, shape) : Folded.ofInts(outI, shape);
    }

    /** Arithmetic on N·k that stays a multiple of N: N·a · b, N·a / b when b divides a, and equality tests. */
    private static long batchArithmetic(String op, long x, long y) {
        boolean xb = Folded.isBatch(x);
        boolean yb = Folded.isBatch(y);
        if (op.equals("Equal")) {
            if (xb && yb && x == y) {
                return 1;
            }
            long other = xb ? y : x;
            if (!(xb && yb) && other <= 0) {
                return 0; // a batch size is positive
            }
        } else if (op.equals("Mul") && !(xb && yb) && (xb ? y : x) > 0) {
            return Folded.batchTimes(Folded.factor(xb ? x : y) * (xb ? y : x)); // N·a·b
        } else if (op.equals("Div") && xb && !yb && y > 0 && Folded.factor(x) % y == 0) {
            return Folded.batchTimes(Folded.factor(x) / y); // N·a / b
        }
        throw new Unfoldable(op + " of " + Folded.show(x) + " and " + Folded.show(y)
                + " does not reduce to a multiple of the batch size at import time");
    }

    private static Folded unaryInt(Folded x, java.util.function.LongUnaryOperator f) {
        long[] out = new long[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsLong((long) x.number(i));
        }
        return Folded.ofInts(out, x.shape());
    }

    private static Folded clip(Folded x, Folded min, Folded max) {
        double lo = min == null ? Double.NEGATIVE_INFINITY : min.number(0);
        double hi = max == null ? Double.POSITIVE_INFINITY : max.number(0);
        return x.isFloat() ? unaryFloat(x, v -> Math.max(lo, Math.min(hi, v)))
                : unaryInt(x, v -> (long) Math.max(lo, Math.min(hi, v)));
    }

    /** ONNX Range: start, start + delta, … below limit (above it for a negative delta). */
    private static Folded range(Folded start, Folded limit, Folded delta) {
        double s = start.number(0);
        double d = delta.number(0);
        int n = (int) Math.max(0, Math.ceil((limit.number(0) - s) / d));
        if (start.isFloat()) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) (s + i * d);
            }
            return Folded.ofFloats(out, n);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) s + i * (long) d;
        }
        return Folded.ofInts(out, n);
    }

    /** ONNX Expand: numpy broadcasting of x against the target shape. */
    private static Folded expand(Folded x, Folded target) {
        if (target.mentionsBatch()) {
            throw new Unfoldable("Expand to a batch-sized shape is not folded");
        }
        int[] shape = broadcastShape(x.shape(), Arrays.stream(target.ints()).mapToInt(Math::toIntExact).toArray());
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int[] src = new int[size];
        for (int i = 0; i < size; i++) {
            src[i] = source(i, shape, x.shape());
        }
        return pick(x, src, shape);
    }

    /** ONNX ScatterND without reduction: a copy of data with the slices that indices name replaced. */
    private static Folded scatterNd(OnnxNode n, Folded data, Folded indices, Folded updates) {
        if (!n.attribute("reduction").map(OnnxAttribute::stringValue).orElse("none").equals("none")) {
            throw new Unfoldable("ScatterND with a reduction is not folded");
        }
        if (data.mentionsBatch() || updates.mentionsBatch()) {
            throw new Unfoldable("ScatterND on values holding the batch size is not folded");
        }
        int[] ds = data.shape();
        int k = indices.shape()[indices.rank() - 1];
        int inner = Arrays.stream(ds, k, ds.length).reduce(1, (a, b) -> a * b);
        int tuples = indices.size() / Math.max(1, k);
        Folded upd = data.isFloat() == updates.isFloat() ? updates : cast(updates, data.isFloat() ? 1 : 7);
        float[] outF = data.isFloat() ? data.floats().clone() : null;
        long[] outI = data.isFloat() ? null : data.ints().clone();
        for (int t = 0; t < tuples; t++) {
            int offset = 0;
            for (int j = 0; j < k; j++) {
                long i = indices.ints()[t * k + j];
                offset = offset * ds[j] + (int) (i < 0 ? i + ds[j] : i);
            }
            if (outF != null) {
                System.arraycopy(upd.floats(), t * inner, outF, offset * inner, inner);
            } else {
                System.arraycopy(upd.ints(), t * inner, outI, offset * inner, inner);
            }
        }
        return outF != null ? Folded.ofFloats(outF, ds) : Folded.ofInts(outI, ds);
    }

    /** MatMul of constants (Swin V2's relative-position MLP on its fixed coordinate table), rank ≥ 2, batched. */
    private static Folded matMul(Folded a, Folded b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new Unfoldable("MatMul of vectors is not folded");
        }
        int m = a.shape()[a.rank() - 2];
        int kk = a.shape()[a.rank() - 1];
        int nn = b.shape()[b.rank() - 1];
        if (b.shape()[b.rank() - 2] != kk) {
            throw new Unfoldable("MatMul of " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        int[] batchA = Arrays.copyOf(a.shape(), a.rank() - 2);
        int[] batchB = Arrays.copyOf(b.shape(), b.rank() - 2);
        int[] batch = broadcastShape(batchA, batchB);
        int batches = Arrays.stream(batch).reduce(1, (x, y) -> x * y);
        float[] out = new float[batches * m * nn];
        for (int t = 0; t < batches; t++) {
            int ta = source(t, batch, batchA);
            int tb = source(t, batch, batchB);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nn; j++) {
                    double acc = 0;
                    for (int q = 0; q < kk; q++) {
                        acc += a.number((ta * m + i) * kk + q) * b.number((tb * kk + q) * nn + j);
                    }
                    out[(t * m + i) * nn + j] = (float) acc;
                }
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = nn;
        return Folded.ofFloats(out, shape);
    }

    private static Folded where(Folded cond, Folded a, Folded b) {
        int[] shape = broadcastShape(broadcastShape(cond.shape(), a.shape()), b.shape());
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        boolean floats = a.isFloat() || b.isFloat();
        float[] outF = floats ? new float[size] : null;
        long[] outI = floats ? null : new long[size];
        for (int i = 0; i < size; i++) {
            boolean c = cond.number(source(i, shape, cond.shape())) != 0;
            Folded pick = c ? a : b;
            int j = source(i, shape, pick.shape());
            if (floats) {
                outF[i] = (float) pick.number(j);
            } else {
                outI[i] = pick.ints()[j];
            }
        }
        return floats ? Folded.ofFloats(outF, shape) : Folded.ofInts(outI, shape);
    }

    private static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new Unfoldable("cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** The flat index in an operand of shape {@code from} that feeds output element {@code flat}. */
    private static int source(int flat, int[] out, int[] from) {
        int index = 0;
        int stride = 1;
        int offset = out.length - from.length;
        for (int i = out.length - 1; i >= 0; i--) {
            int coordinate = flat % out[i];
            flat /= out[i];
            if (i >= offset) {
                int d = from[i - offset];
                index += (d == 1 ? 0 : coordinate) * stride;
                stride *= d;
            }
        }
        return index;
    }
}
