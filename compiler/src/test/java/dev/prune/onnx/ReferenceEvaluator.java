package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A slow, plain evaluator of an IR {@link Graph}, written from the ONNX operator definitions (and the IR's
 * Gemm and Blend), to check exported models against something that is not ONNX Runtime. Accumulates in
 * double. Test scope only: the real engine lives in the runtime module.
 */
final class ReferenceEvaluator {

    private ReferenceEvaluator() {
    }

    /** Evaluates the graph on one input per graph input; returns every output by name. */
    static Map<String, Array> run(Graph graph, Map<String, Array> inputs) {
        Map<String, Array> values = new HashMap<>(inputs);
        for (Parameter p : graph.parameters().values()) {
            values.put(p.name(), new Array(p.value().shape(), p.value().toArray()));
        }
        for (Node node : graph.nodes()) {
            Array[] in = node.inputs().stream().map(values::get).toArray(Array[]::new);
            List<Array> out = evaluate(node, in);
            for (int i = 0; i < out.size(); i++) {
                values.put(node.outputs().get(i), out.get(i));
            }
        }
        Map<String, Array> outputs = new HashMap<>();
        graph.outputNames().forEach(o -> outputs.put(o, values.get(o)));
        return outputs;
    }

    private static List<Array> evaluate(Node node, Array[] in) {
        Attributes a = node.attributes();
        return switch (node.op()) {
            case CONV -> List.of(conv(in, a));
            case GEMM -> List.of(gemm(in));
            case MAT_MUL -> List.of(matMul(in[0], in[1]));
            case BATCH_NORMALIZATION -> List.of(batchNorm(in, a.getFloat("epsilon", 1e-5f)));
            case LAYER_NORMALIZATION -> List.of(layerNorm(in, a.getFloat("epsilon", 1e-5f)));
            case RELU -> List.of(map(in[0], x -> Math.max(x, 0)));
            case CLIP -> List.of(map(in[0], x -> Math.min(Math.max(x, a.getFloat("min", Float.NEGATIVE_INFINITY)),
                    a.getFloat("max", Float.POSITIVE_INFINITY))));
            case GELU -> List.of(map(in[0], x -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)))));
            case ADD -> List.of(broadcast(in[0], in[1], (x, y) -> x + y));
            case SUB -> List.of(broadcast(in[0], in[1], (x, y) -> x - y));
            case MUL -> List.of(broadcast(in[0], in[1], (x, y) -> x * y));
            case DIV -> List.of(broadcast(in[0], in[1], (x, y) -> x / y));
            case BLEND -> List.of(blend(in, a));
            case GLOBAL_AVERAGE_POOL -> List.of(globalAveragePool(in[0]));
            case MAX_POOL -> List.of(maxPool(in[0], a));
            case REDUCE_MEAN -> List.of(reduceMean(in[0], a.getInts("axes", null), a.getInt("keepdims", 1) == 1));
            case SOFTMAX -> List.of(softmax(in[0], a.getInt("axis", -1)));
            case FLATTEN -> List.of(flatten(in[0], a.getInt("axis", 1)));
            case RESHAPE -> List.of(reshape(in[0], a.getInts("shape", null)));
            case TRANSPOSE -> List.of(transpose(in[0], a.getInts("perm", null)));
            case CONCAT -> List.of(concat(in, a.getInt("axis", 0)));
            case SLICE -> List.of(slice(in[0], a));
            case SPLIT -> split(in[0], a, node.outputs().size());
            case PAD -> List.of(pad(in[0], a.getInts("pads", null), a.getFloat("value", 0)));
            case IDENTITY -> List.of(in[0]);
        };
    }

    private interface Unary {
        double apply(double x);
    }

    private interface Binary {
        double apply(double x, double y);
    }

    private static Array map(Array x, Unary f) {
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.apply(x.data[i]);
        }
        return new Array(x.shape, out);
    }

    private static int[] broadcastShape(int[] x, int[] y) {
        int rank = Math.max(x.length, y.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int dx = i < rank - x.length ? 1 : x[i - (rank - x.length)];
            int dy = i < rank - y.length ? 1 : y[i - (rank - y.length)];
            out[i] = Math.max(dx, dy);
        }
        return out;
    }

    private static Array broadcast(Array x, Array y, Binary f) {
        int[] shape = broadcastShape(x.shape, y.shape);
        float[] out = new float[Array.size(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = Array.unravel(i, shape);
            out[i] = (float) f.apply(x.data[x.broadcastOffset(index)], y.data[y.broadcastOffset(index)]);
        }
        return new Array(shape, out);
    }

    private static Array blend(Array[] in, Attributes a) {
        double lambda = in.length == 3 ? in[2].data[0] : a.getFloat("lambda", 0);
        return broadcast(in[0], in[1], (x, y) -> (1 - lambda) * x + lambda * y);
    }

    private static Array conv(Array[] in, Attributes a) {
        Array x = in[0];
        Array w = in[1];
        int group = a.getInt("group", 1);
        int[] s = a.getInts("strides", new int[] {1, 1});
        int[] p = a.getInts("pads", new int[] {0, 0, 0, 0});
        int[] d = a.getInts("dilations", new int[] {1, 1});
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int m = w.dim(0), cg = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        int oh = (h + p[0] + p[2] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int ow = (wd + p[1] + p[3] - d[1] * (kw - 1) - 1) / s[1] + 1;
        int mg = m / group;
        Array y = Array.zeros(n, m, oh, ow);
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < m; o++) {
                int g = o / mg;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = in.length == 3 ? in[2].data[o] : 0;
                        for (int ci = 0; ci < cg; ci++) {
                            int channel = g * cg + ci;
                            for (int u = 0; u < kh; u++) {
                                int r = i * s[0] - p[0] + u * d[0];
                                for (int v = 0; v < kw; v++) {
                                    int q = j * s[1] - p[1] + v * d[1];
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        sum += x.data[((b * c + channel) * h + r) * wd + q]
                                                * w.data[((o * cg + ci) * kh + u) * kw + v];
                                    }
                                }
                            }
                        }
                        y.data[((b * m + o) * oh + i) * ow + j] = (float) sum;
                    }
                }
            }
        }
        return y;
    }

    /** y = x·Wᵀ + b over the last axis, any rank. */
    private static Array gemm(Array[] in) {
        Array x = in[0];
        Array w = in[1];
        int k = x.dim(-1);
        int m = w.dim(0);
        int rows = x.data.length / k;
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = m;
        Array y = Array.zeros(shape);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < m; o++) {
                double sum = in.length == 3 ? in[2].data[o] : 0;
                for (int i = 0; i < k; i++) {
                    sum += (double) x.data[r * k + i] * w.data[o * k + i];
                }
                y.data[r * m + o] = (float) sum;
            }
        }
        return y;
    }

    private static Array matMul(Array x, Array y) {
        int[] xb = Arrays.copyOf(x.shape, x.rank() - 2);
        int[] yb = Arrays.copyOf(y.shape, y.rank() - 2);
        int[] batch = broadcastShape(xb, yb);
        int n = x.dim(-2), k = x.dim(-1), m = y.dim(-1);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = n;
        shape[batch.length + 1] = m;
        Array out = Array.zeros(shape);
        Array xBatch = new Array(xb, new float[Array.size(xb)]);
        Array yBatch = new Array(yb, new float[Array.size(yb)]);
        for (int b = 0; b < Array.size(batch); b++) {
            int[] index = Array.unravel(b, batch);
            int xo = xBatch.broadcastOffset(index) * n * k;
            int yo = yBatch.broadcastOffset(index) * k * m;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double sum = 0;
                    for (int t = 0; t < k; t++) {
                        sum += (double) x.data[xo + i * k + t] * y.data[yo + t * m + j];
                    }
                    out.data[(b * n + i) * m + j] = (float) sum;
                }
            }
        }
        return out;
    }

    private static Array batchNorm(Array[] in, float epsilon) {
        Array x = in[0];
        int c = x.dim(1);
        int inner = x.data.length / x.dim(0) / c;
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            int ch = (i / inner) % c;
            out[i] = (float) ((x.data[i] - in[3].data[ch]) / Math.sqrt(in[4].data[ch] + (double) epsilon)
                    * in[1].data[ch] + in[2].data[ch]);
        }
        return new Array(x.shape, out);
    }

    private static Array layerNorm(Array[] in, float epsilon) {
        Array x = in[0];
        int d = x.dim(-1);
        float[] out = new float[x.data.length];
        for (int r = 0; r < x.data.length / d; r++) {
            double mean = 0;
            for (int i = 0; i < d; i++) {
                mean += x.data[r * d + i];
            }
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) {
                double e = x.data[r * d + i] - mean;
                var += e * e;
            }
            var /= d;
            for (int i = 0; i < d; i++) {
                double bias = in.length == 3 ? in[2].data[i] : 0;
                out[r * d + i] = (float) ((x.data[r * d + i] - mean) / Math.sqrt(var + epsilon) * in[1].data[i] + bias);
            }
        }
        return new Array(x.shape, out);
    }

    private static Array globalAveragePool(Array x) {
        int[] axes = new int[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return reduceMean(x, axes, true);
    }

    private static Array reduceMean(Array x, int[] axes, boolean keep) {
        boolean[] reduced = new boolean[x.rank()];
        for (int axis : axes) {
            reduced[axis < 0 ? axis + x.rank() : axis] = true;
        }
        int[] kept = x.shape.clone();
        int count = 1;
        for (int i = 0; i < kept.length; i++) {
            if (reduced[i]) {
                count *= kept[i];
                kept[i] = 1;
            }
        }
        double[] sums = new double[Array.size(kept)];
        Array target = new Array(kept, new float[sums.length]);
        for (int i = 0; i < x.data.length; i++) {
            sums[target.broadcastOffset(Array.unravel(i, x.shape))] += x.data[i];
        }
        float[] out = new float[sums.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sums[i] / count);
        }
        if (keep) {
            return new Array(kept, out);
        }
        int[] squeezed = new int[x.rank() - axes.length];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (!reduced[i]) {
                squeezed[j++] = x.shape[i];
            }
        }
        return new Array(squeezed, out);
    }

    private static Array maxPool(Array x, Attributes a) {
        int[] k = a.getInts("kernel_shape", null);
        int[] s = a.getInts("strides", new int[] {1, 1});
        int[] p = a.getInts("pads", new int[] {0, 0, 0, 0});
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h + p[0] + p[2] - k[0]) / s[0] + 1;
        int ow = (w + p[1] + p[3] - k[1]) / s[1] + 1;
        Array y = Array.zeros(n, c, oh, ow);
        for (int bc = 0; bc < n * c; bc++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float best = Float.NEGATIVE_INFINITY;
                    for (int u = 0; u < k[0]; u++) {
                        for (int v = 0; v < k[1]; v++) {
                            int r = i * s[0] - p[0] + u;
                            int q = j * s[1] - p[1] + v;
                            if (r >= 0 && r < h && q >= 0 && q < w) {
                                best = Math.max(best, x.data[(bc * h + r) * w + q]);
                            }
                        }
                    }
                    y.data[(bc * oh + i) * ow + j] = best;
                }
            }
        }
        return y;
    }

    private static Array softmax(Array x, int axis) {
        int ax = axis < 0 ? axis + x.rank() : axis;
        int len = x.shape[ax];
        int inner = Array.strides(x.shape)[ax];
        int outer = x.data.length / (len * inner);
        float[] out = new float[x.data.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < len; i++) {
                    max = Math.max(max, x.data[base + i * inner]);
                }
                double sum = 0;
                for (int i = 0; i < len; i++) {
                    sum += Math.exp(x.data[base + i * inner] - max);
                }
                for (int i = 0; i < len; i++) {
                    out[base + i * inner] = (float) (Math.exp(x.data[base + i * inner] - max) / sum);
                }
            }
        }
        return new Array(x.shape, out);
    }

    private static Array flatten(Array x, int axis) {
        int ax = axis < 0 ? axis + x.rank() : axis;
        int outer = Array.size(Arrays.copyOf(x.shape, ax));
        return x.reshape(outer, x.data.length / outer);
    }

    private static Array reshape(Array x, int[] target) {
        int[] shape = target.clone();
        int known = 1;
        int infer = -1;
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
        return x.reshape(shape);
    }

    private static Array transpose(Array x, int[] perm) {
        int[] shape = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = x.shape[perm[i]];
        }
        int[] inStrides = Array.strides(x.shape);
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            int[] index = Array.unravel(i, shape);
            int offset = 0;
            for (int j = 0; j < perm.length; j++) {
                offset += index[j] * inStrides[perm[j]];
            }
            out[i] = x.data[offset];
        }
        return new Array(shape, out);
    }

    private static Array concat(Array[] in, int axis) {
        int ax = axis < 0 ? axis + in[0].rank() : axis;
        int[] shape = in[0].shape.clone();
        shape[ax] = Arrays.stream(in).mapToInt(t -> t.shape[ax]).sum();
        Array out = Array.zeros(shape);
        int offset = 0;
        for (Array t : in) {
            for (int i = 0; i < t.data.length; i++) {
                int[] index = Array.unravel(i, t.shape);
                index[ax] += offset;
                out.data[out.broadcastOffset(index)] = t.data[i];
            }
            offset += t.shape[ax];
        }
        return out;
    }

    private static Array slice(Array x, Attributes a) {
        int[] starts = a.getInts("starts", null);
        int[] ends = a.getInts("ends", null);
        int[] axes = a.getInts("axes", null);
        int[] steps = a.getInts("steps", null);
        int[] begin = new int[x.rank()];
        int[] step = new int[x.rank()];
        int[] shape = x.shape.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int ax = axes == null ? i : (axes[i] < 0 ? axes[i] + x.rank() : axes[i]);
            int size = x.shape[ax];
            int b = Math.max(0, Math.min(starts[i] < 0 ? starts[i] + size : starts[i], size));
            int e = Math.max(0, Math.min(ends[i] < 0 ? ends[i] + size : ends[i], size));
            step[ax] = steps == null ? 1 : steps[i];
            begin[ax] = b;
            shape[ax] = Math.max(0, (e - b + step[ax] - 1) / step[ax]);
        }
        Array out = Array.zeros(shape);
        for (int i = 0; i < out.data.length; i++) {
            int[] index = Array.unravel(i, shape);
            for (int j = 0; j < index.length; j++) {
                index[j] = begin[j] + index[j] * step[j];
            }
            out.data[i] = x.data[x.broadcastOffset(index)];
        }
        return out;
    }

    private static List<Array> split(Array x, Attributes a, int outputs) {
        int axis = a.getInt("axis", 0);
        int ax = axis < 0 ? axis + x.rank() : axis;
        int[] sizes = a.getInts("split", null);
        if (sizes == null) {
            sizes = new int[outputs];
            Arrays.fill(sizes, x.shape[ax] / outputs);
        }
        Array[] parts = new Array[outputs];
        int offset = 0;
        for (int p = 0; p < outputs; p++) {
            int[] shape = x.shape.clone();
            shape[ax] = sizes[p];
            parts[p] = Array.zeros(shape);
            for (int i = 0; i < parts[p].data.length; i++) {
                int[] index = Array.unravel(i, shape);
                index[ax] += offset;
                parts[p].data[i] = x.data[x.broadcastOffset(index)];
            }
            offset += sizes[p];
        }
        return List.of(parts);
    }

    private static Array pad(Array x, int[] pads, float value) {
        int r = x.rank();
        int[] shape = x.shape.clone();
        for (int i = 0; i < r; i++) {
            shape[i] += pads[i] + pads[i + r];
        }
        Array out = new Array(shape, new float[Array.size(shape)]);
        Arrays.fill(out.data, value);
        for (int i = 0; i < x.data.length; i++) {
            int[] index = Array.unravel(i, x.shape);
            for (int j = 0; j < r; j++) {
                index[j] += pads[j];
            }
            out.data[out.broadcastOffset(index)] = x.data[i];
        }
        return out;
    }
}
