package dev.prune.ir.eval;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.IrException;
import dev.prune.ir.Node;
import dev.prune.ir.Parameter;
import dev.prune.ir.ShapeInference;
import dev.prune.ir.Tensor;
import dev.prune.ir.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference semantics of the IR: runs a {@link Graph} in eval mode (BatchNorm uses its running statistics),
 * in float32 with double accumulation in sums. Slow and simple on purpose; it is the oracle that proves
 * rewrites exact, not a runtime. Every {@link dev.prune.ir.Op} is supported, with the IR's conventions (GEMM over
 * the last axis with W as [out, in]; constant operands as attributes; BLEND = (1 − λ)·a + λ·b).
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * @param inputs a concrete tensor for every graph input (the batch dimension may be any size)
     * @return the graph outputs by name, in the graph's order
     */
    public static Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs) {
        Map<String, Arr> values = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new IrException("no value given for graph input " + in.name());
            }
            values.put(in.name(), Arr.of(t));
        }
        for (Parameter p : graph.parameters().values()) {
            if (!p.value().hasData()) {
                throw new IrException("parameter " + p.name() + " is a placeholder: build the graph with weights to run it");
            }
            values.put(p.name(), Arr.of(p.value()));
        }
        for (Node node : graph.nodes()) {
            List<Arr> in = new ArrayList<>(node.inputs().size());
            node.inputs().forEach(name -> in.add(values.get(name)));
            List<Arr> out;
            try {
                out = apply(node, in);
            } catch (RuntimeException e) {
                throw new IrException("evaluating node " + node.name() + " (" + node.op().onnxName() + "): " + e.getMessage());
            }
            for (int i = 0; i < out.size(); i++) {
                values.put(node.outputs().get(i), out.get(i));
            }
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        graph.outputNames().forEach(o -> outputs.put(o, values.get(o).toTensor()));
        return outputs;
    }

    /** The single output of a one-input, one-output graph. */
    public static Tensor run(Graph graph, Tensor input) {
        Map<String, Tensor> out = run(graph, Map.of(graph.inputs().get(0).name(), input));
        return out.values().iterator().next();
    }

    private static List<Arr> apply(Node node, List<Arr> in) {
        Attributes a = node.attributes();
        return switch (node.op()) {
            case CONV -> List.of(conv(in, a));
            case GEMM -> List.of(gemm(in));
            case MAT_MUL -> List.of(matMul(in.get(0), in.get(1)));
            case BATCH_NORMALIZATION -> List.of(batchNorm(in, a));
            case LAYER_NORMALIZATION -> List.of(layerNorm(in, a));
            case RELU -> List.of(map(in.get(0), x -> Math.max(x, 0)));
            case CLIP -> List.of(clip(in.get(0), a));
            case GELU -> List.of(gelu(in.get(0), a));
            case HARD_SWISH -> List.of(map(in.get(0), x -> x * hardSigmoid(x, 1 / 6.0, 0.5)));
            case SILU -> List.of(map(in.get(0), x -> x * sigmoid(x)));
            case SIGMOID -> List.of(map(in.get(0), Evaluator::sigmoid));
            case TANH -> List.of(map(in.get(0), x -> (float) Math.tanh(x)));
            case HARD_SIGMOID -> List.of(map(in.get(0), x -> hardSigmoid(x, a.getFloat("alpha", 0.2f),
                    a.getFloat("beta", 0.5f))));
            case ADD -> List.of(broadcast(in.get(0), in.get(1), Double::sum));
            case SUB -> List.of(broadcast(in.get(0), in.get(1), (x, y) -> x - y));
            case MUL -> List.of(broadcast(in.get(0), in.get(1), (x, y) -> x * y));
            case DIV -> List.of(broadcast(in.get(0), in.get(1), (x, y) -> x / y));
            case GLOBAL_AVERAGE_POOL -> List.of(globalAveragePool(in.get(0)));
            case MAX_POOL -> List.of(pool(in.get(0), a, true));
            case AVERAGE_POOL -> List.of(pool(in.get(0), a, false));
            case REDUCE_MEAN -> List.of(reduce(in.get(0), a, false));
            case REDUCE_L2 -> List.of(reduce(in.get(0), a, true));
            case SOFTMAX -> List.of(softmax(in.get(0), a.getInt("axis", -1)));
            case FLATTEN -> List.of(flatten(in.get(0), a.getInt("axis", 1)));
            case RESHAPE -> List.of(reshape(in.get(0), a.getInts("shape", null)));
            case TRANSPOSE -> List.of(transpose(in.get(0), a.getInts("perm", null)));
            case CONCAT -> List.of(concat(in, a.getInt("axis", 0)));
            case SLICE -> List.of(slice(in.get(0), a));
            case SPLIT -> split(in.get(0), a, node.outputs().size());
            case PAD -> List.of(pad(in.get(0), a));
            case IDENTITY -> List.of(in.get(0));
            case BLEND -> List.of(blend(in, a));
        };
    }

    // ---- linear family ----

    /** 2-D convolution, NCHW, with groups, strides, asymmetric zero padding and dilations. */
    private static Arr conv(List<Arr> in, Attributes a) {
        Arr x = in.get(0);
        Arr w = in.get(1);
        Arr bias = in.size() > 2 ? in.get(2) : null;
        int group = a.getInt("group", 1);
        int[] st = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        int[] dil = a.getInts("dilations", new int[] {1, 1});
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int cg = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int og = o / group;
        int ho = (h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / st[0] + 1;
        int wo = (wd + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / st[1] + 1;
        Arr y = Arr.zeros(n, o, ho, wo);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double acc = bias == null ? 0 : bias.data[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            int xc = g * cg + ic;
                            for (int u = 0; u < kh; u++) {
                                int r = i * st[0] - pads[0] + u * dil[0];
                                if (r < 0 || r >= h) {
                                    continue; // a zero of the padding
                                }
                                for (int v = 0; v < kw; v++) {
                                    int s = j * st[1] - pads[1] + v * dil[1];
                                    if (s < 0 || s >= wd) {
                                        continue;
                                    }
                                    acc += (double) w.data[((oc * cg + ic) * kh + u) * kw + v]
                                            * x.data[((b * c + xc) * h + r) * wd + s];
                                }
                            }
                        }
                        y.data[((b * o + oc) * ho + i) * wo + j] = (float) acc;
                    }
                }
            }
        }
        return y;
    }

    /** y = x·Wᵀ + b over the last axis; W is [out, in]. */
    private static Arr gemm(List<Arr> in) {
        Arr x = in.get(0);
        Arr w = in.get(1);
        Arr bias = in.size() > 2 ? in.get(2) : null;
        int features = x.dim(-1);
        int rows = x.data.length / features;
        int outs = w.dim(0);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = outs;
        Arr y = Arr.zeros(shape);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outs; o++) {
                double acc = bias == null ? 0 : bias.data[o];
                for (int i = 0; i < features; i++) {
                    acc += (double) x.data[r * features + i] * w.data[o * features + i];
                }
                y.data[r * outs + o] = (float) acc;
            }
        }
        return y;
    }

    /** Numpy matmul of rank ≥ 2 operands with broadcast batch dimensions. */
    private static Arr matMul(Arr x, Arr y) {
        int m = x.dim(-2);
        int k = x.dim(-1);
        int n = y.dim(-1);
        int[] xb = Arrays.copyOf(x.shape, x.rank() - 2);
        int[] yb = Arrays.copyOf(y.shape, y.rank() - 2);
        int[] batch = broadcastShape(xb, yb);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Arr out = Arr.zeros(outShape);
        int[] xs = broadcastStrides(xb, batch);
        int[] ys = broadcastStrides(yb, batch);
        int batches = Arr.size(batch);
        int[] idx = new int[batch.length];
        for (int bIndex = 0; bIndex < batches; bIndex++) {
            int xo = dot(idx, xs) * m * k;
            int yo = dot(idx, ys) * k * n;
            int oo = bIndex * m * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int t = 0; t < k; t++) {
                        acc += (double) x.data[xo + i * k + t] * y.data[yo + t * n + j];
                    }
                    out.data[oo + i * n + j] = (float) acc;
                }
            }
            increment(idx, batch);
        }
        return out;
    }

    // ---- normalizations ----

    /** Eval-mode BatchNorm over axis 1: (x − mean) / √(var + ε) · γ + β. */
    private static Arr batchNorm(List<Arr> in, Attributes a) {
        Arr x = in.get(0);
        float[] gamma = in.get(1).data;
        float[] beta = in.get(2).data;
        float[] mean = in.get(3).data;
        float[] var = in.get(4).data;
        double eps = a.getFloat("epsilon", 1e-5f);
        int c = x.dim(1);
        int inner = Arr.product(x.shape, 2, x.rank());
        Arr y = Arr.zeros(x.shape.clone());
        for (int i = 0; i < x.data.length; i++) {
            int ch = (i / inner) % c;
            double scale = gamma[ch] / Math.sqrt((double) var[ch] + eps);
            y.data[i] = (float) ((x.data[i] - (double) mean[ch]) * scale + beta[ch]);
        }
        return y;
    }

    /** LayerNorm over the last axis, biased variance, as PyTorch computes it. */
    private static Arr layerNorm(List<Arr> in, Attributes a) {
        Arr x = in.get(0);
        float[] gamma = in.get(1).data;
        float[] beta = in.size() > 2 ? in.get(2).data : null;
        double eps = a.getFloat("epsilon", 1e-5f);
        int d = x.dim(-1);
        Arr y = Arr.zeros(x.shape.clone());
        for (int r = 0; r < x.data.length / d; r++) {
            double mean = 0;
            for (int i = 0; i < d; i++) {
                mean += x.data[r * d + i];
            }
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) {
                double z = x.data[r * d + i] - mean;
                var += z * z;
            }
            var /= d;
            double inv = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < d; i++) {
                double v = (x.data[r * d + i] - mean) * inv * gamma[i];
                y.data[r * d + i] = (float) (beta == null ? v : v + beta[i]);
            }
        }
        return y;
    }

    // ---- activations ----

    private static Arr clip(Arr x, Attributes a) {
        double lo = a.has("min") ? a.getFloat("min", 0) : Double.NEGATIVE_INFINITY;
        double hi = a.has("max") ? a.getFloat("max", 0) : Double.POSITIVE_INFINITY;
        return map(x, v -> Math.min(Math.max(v, lo), hi));
    }

    private static Arr gelu(Arr x, Attributes a) {
        if ("tanh".equals(a.getString("approximate", "none"))) {
            double c = Math.sqrt(2 / Math.PI);
            return map(x, v -> 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))));
        }
        return map(x, v -> 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double hardSigmoid(double x, double alpha, double beta) {
        return Math.max(0, Math.min(1, alpha * x + beta));
    }

    private static Arr map(Arr x, DoubleUnaryOperator f) {
        Arr y = Arr.zeros(x.shape.clone());
        for (int i = 0; i < x.data.length; i++) {
            y.data[i] = (float) f.applyAsDouble(x.data[i]);
        }
        return y;
    }

    // ---- arithmetic ----

    /** Elementwise binary op with numpy broadcasting, computed in double and rounded once. */
    static Arr broadcast(Arr x, Arr y, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(x.shape, y.shape);
        int[] xs = broadcastStrides(x.shape, shape);
        int[] ys = broadcastStrides(y.shape, shape);
        Arr out = Arr.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = (float) f.applyAsDouble(x.data[dot(idx, xs)], y.data[dot(idx, ys)]);
            increment(idx, shape);
        }
        return out;
    }

    /** (1 − λ)·a + λ·b; λ from a scalar third input or the attribute {@code lambda}. */
    private static Arr blend(List<Arr> in, Attributes a) {
        double lambda = in.size() > 2 ? in.get(2).data[0] : a.getFloat("lambda", 0);
        return broadcast(in.get(0), in.get(1), (x, y) -> (1 - lambda) * x + lambda * y);
    }

    static int[] broadcastShape(int[] x, int[] y) {
        int rank = Math.max(x.length, y.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int dx = i < rank - x.length ? 1 : x[i - (rank - x.length)];
            int dy = i < rank - y.length ? 1 : y[i - (rank - y.length)];
            if (dx != dy && dx != 1 && dy != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(x) + " with " + Arrays.toString(y));
            }
            out[i] = dx == 1 ? dy : dx;
        }
        return out;
    }

    /** Strides of {@code shape} seen through broadcasting to {@code target} (0 along broadcast axes). */
    private static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = Arr.strides(shape);
        int[] out = new int[target.length];
        int offset = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[i + offset] = shape[i] == 1 ? 0 : own[i];
        }
        return out;
    }

    private static int dot(int[] idx, int[] strides) {
        int s = 0;
        for (int i = 0; i < idx.length; i++) {
            s += idx[i] * strides[i];
        }
        return s;
    }

    /** Advances a row-major multi-index. */
    private static void increment(int[] idx, int[] shape) {
        for (int i = idx.length - 1; i >= 0; i--) {
            if (++idx[i] < shape[i]) {
                return;
            }
            idx[i] = 0;
        }
    }

    // ---- pooling ----

    private static Arr globalAveragePool(Arr x) {
        int outer = x.dim(0) * x.dim(1);
        int inner = Arr.product(x.shape, 2, x.rank());
        int[] shape = x.shape.clone();
        Arrays.fill(shape, 2, shape.length, 1);
        Arr y = Arr.zeros(shape);
        for (int r = 0; r < outer; r++) {
            double acc = 0;
            for (int i = 0; i < inner; i++) {
                acc += x.data[r * inner + i];
            }
            y.data[r] = (float) (acc / inner);
        }
        return y;
    }

    /**
     * Max or average pooling, NCHW, with ceil mode. An average divides by the window clipped to the padded
     * input (count_include_pad = 1) or to the input (0), as PyTorch does.
     */
    private static Arr pool(Arr x, Attributes a, boolean max) {
        int[] k = a.getInts("kernel_shape", null);
        int[] st = a.getInts("strides", new int[] {1, 1});
        int[] pads = a.getInts("pads", new int[] {0, 0, 0, 0});
        boolean ceil = a.getInt("ceil_mode", 0) == 1;
        boolean includePad = a.getInt("count_include_pad", 0) == 1;
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int ho = ShapeInference.pooled(h, k[0], st[0], pads[0], pads[2], ceil);
        int wo = ShapeInference.pooled(w, k[1], st[1], pads[1], pads[3], ceil);
        Arr y = Arr.zeros(n, c, ho, wo);
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < ho; i++) {
                int r0 = i * st[0] - pads[0];
                int r1 = Math.min(r0 + k[0], h + pads[2]);
                for (int j = 0; j < wo; j++) {
                    int s0 = j * st[1] - pads[1];
                    int s1 = Math.min(s0 + k[1], w + pads[3]);
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int inside = 0;
                    for (int r = Math.max(r0, 0); r < Math.min(r1, h); r++) {
                        for (int s = Math.max(s0, 0); s < Math.min(s1, w); s++) {
                            float v = x.data[(p * h + r) * w + s];
                            acc = max ? Math.max(acc, v) : acc + v;
                            inside++;
                        }
                    }
                    int divisor = includePad ? (r1 - r0) * (s1 - s0) : inside;
                    y.data[(p * ho + i) * wo + j] = (float) (max ? acc : acc / divisor);
                }
            }
        }
        return y;
    }

    /** The mean over the axes, or with {@code l2} the root of the sum of squares. */
    private static Arr reduce(Arr x, Attributes a, boolean l2) {
        boolean[] reduced = new boolean[x.rank()];
        for (int axis : a.getInts("axes", null)) {
            reduced[x.axis(axis)] = true;
        }
        int[] kept = x.shape.clone();
        for (int i = 0; i < kept.length; i++) {
            kept[i] = reduced[i] ? 1 : kept[i];
        }
        double[] acc = new double[Arr.size(kept)];
        int[] keptStrides = broadcastStrides(kept, x.shape);
        int[] idx = new int[x.rank()];
        for (int i = 0; i < x.data.length; i++) {
            acc[dot(idx, keptStrides)] += l2 ? (double) x.data[i] * x.data[i] : x.data[i];
            increment(idx, x.shape);
        }
        int count = x.data.length / acc.length;
        float[] out = new float[acc.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (l2 ? Math.sqrt(acc[i]) : acc[i] / count);
        }
        if (a.getInt("keepdims", 1) == 1) {
            return new Arr(kept, out);
        }
        return new Arr(Arrays.stream(range(x.rank())).filter(i -> !reduced[i]).map(i -> x.shape[i]).toArray(), out);
    }

    /** Softmax along one axis, max-subtracted. */
    private static Arr softmax(Arr x, int axisAttr) {
        int axis = x.axis(axisAttr);
        int len = x.shape[axis];
        int inner = Arr.product(x.shape, axis + 1, x.rank());
        int outer = Arr.product(x.shape, 0, axis);
        Arr y = Arr.zeros(x.shape.clone());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < len; t++) {
                    max = Math.max(max, x.data[base + t * inner]);
                }
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    sum += Math.exp(x.data[base + t * inner] - max);
                }
                for (int t = 0; t < len; t++) {
                    y.data[base + t * inner] = (float) (Math.exp(x.data[base + t * inner] - max) / sum);
                }
            }
        }
        return y;
    }

    // ---- layout ----

    private static Arr flatten(Arr x, int axisAttr) {
        int axis = axisAttr < 0 ? axisAttr + x.rank() : axisAttr;
        return x.reshaped(Arr.product(x.shape, 0, axis), Arr.product(x.shape, axis, x.rank()));
    }

    /** ONNX Reshape: 0 copies the input dimension, −1 is inferred. */
    private static Arr reshape(Arr x, int[] target) {
        int[] shape = target.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                shape[i] = x.shape[i];
            }
            if (shape[i] == -1) {
                infer = i;
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            shape[infer] = x.data.length / known;
        }
        return x.reshaped(shape);
    }

    static Arr transpose(Arr x, int[] permAttr) {
        int[] perm = permAttr;
        if (perm == null) {
            perm = new int[x.rank()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = x.rank() - 1 - i;
            }
        }
        int[] shape = new int[perm.length];
        int[] inStrides = Arr.strides(x.shape);
        int[] strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = x.shape[perm[i]];
            strides[i] = inStrides[perm[i]];
        }
        Arr y = Arr.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = x.data[dot(idx, strides)];
            increment(idx, shape);
        }
        return y;
    }

    private static Arr concat(List<Arr> in, int axisAttr) {
        int axis = in.get(0).axis(axisAttr);
        int[] shape = in.get(0).shape.clone();
        shape[axis] = in.stream().mapToInt(t -> t.shape[axis]).sum();
        Arr y = Arr.zeros(shape);
        int outer = Arr.product(shape, 0, axis);
        int inner = Arr.product(shape, axis + 1, shape.length);
        int offset = 0;
        for (Arr t : in) {
            int chunk = t.shape[axis] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data, o * chunk, y.data, o * shape[axis] * inner + offset, chunk);
            }
            offset += chunk;
        }
        return y;
    }

    private static Arr slice(Arr x, Attributes a) {
        int[] starts = a.getInts("starts", null);
        int[] ends = a.getInts("ends", null);
        int[] axes = a.getInts("axes", null);
        int[] steps = a.getInts("steps", null);
        int[] begin = new int[x.rank()];
        int[] step = new int[x.rank()];
        int[] shape = x.shape.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int axis = x.axis(axes == null ? i : axes[i]);
            int size = x.shape[axis];
            int s = steps == null ? 1 : steps[i];
            int b = clamp(starts[i] < 0 ? starts[i] + size : starts[i], size);
            int e = clamp(ends[i] < 0 ? ends[i] + size : ends[i], size);
            begin[axis] = b;
            step[axis] = s;
            shape[axis] = Math.max(0, (e - b + s - 1) / s);
        }
        int[] strides = Arr.strides(x.shape);
        Arr y = Arr.zeros(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < y.data.length; i++) {
            int src = 0;
            for (int d = 0; d < idx.length; d++) {
                src += (begin[d] + idx[d] * step[d]) * strides[d];
            }
            y.data[i] = x.data[src];
            increment(idx, shape);
        }
        return y;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }

    private static List<Arr> split(Arr x, Attributes a, int outputs) {
        int axis = x.axis(a.getInt("axis", 0));
        int[] sizes = a.getInts("split", null);
        if (sizes == null) {
            sizes = new int[outputs];
            Arrays.fill(sizes, x.shape[axis] / outputs);
        }
        int outer = Arr.product(x.shape, 0, axis);
        int inner = Arr.product(x.shape, axis + 1, x.rank());
        List<Arr> out = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            int[] shape = x.shape.clone();
            shape[axis] = size;
            Arr y = Arr.zeros(shape);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x.data, (o * x.shape[axis] + offset) * inner, y.data, o * size * inner, size * inner);
            }
            offset += size;
            out.add(y);
        }
        return out;
    }

    /** Constant padding: pads = [begin of each axis…, end of each axis…]. */
    private static Arr pad(Arr x, Attributes a) {
        int[] pads = a.getInts("pads", null);
        float value = a.getFloat("value", 0);
        int r = x.rank();
        int[] shape = new int[r];
        for (int i = 0; i < r; i++) {
            shape[i] = x.shape[i] + pads[i] + pads[i + r];
        }
        Arr y = Arr.zeros(shape);
        Arrays.fill(y.data, value);
        int[] outStrides = Arr.strides(shape);
        int[] idx = new int[r];
        for (int i = 0; i < x.data.length; i++) {
            int dst = 0;
            for (int d = 0; d < r; d++) {
                dst += (idx[d] + pads[d]) * outStrides[d];
            }
            y.data[dst] = x.data[i];
            increment(idx, x.shape);
        }
        return y;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
