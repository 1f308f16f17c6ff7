package dev.prune.rewrite;

import dev.prune.ir.Tensor;

/**
 * The merge as algebra: small pure functions from weights to weights, one law each, in the one currency
 * {@link KernelBias} (DBB's transI…transVI in spirit). Everything is computed in double and rounded once.
 * Placeholders in, placeholders (of the right shapes) out, so costs need no weights.
 *
 * <p>Kernel layout: [out, in/group, kH, kW]; output channel o belongs to group o / (out/group) and reads input
 * channels group·(in/group) + i.
 */
public final class MergeAlgebra {

    private MergeAlgebra() {
    }

    /** BN(x) = γ·(x − μ)/√(v + ε) + β = s·x + t, with s = γ/√(v + ε) and t = β − μ·s. */
    public static ChannelAffine batchNorm(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double epsilon) {
        int c = gamma.dim(0);
        if (!(gamma.hasData() && beta.hasData() && mean.hasData() && var.hasData())) {
            return new ChannelAffine(Tensor.placeholder(c), Tensor.placeholder(c));
        }
        double[] s = new double[c];
        double[] t = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = gamma.get(i) / Math.sqrt(var.get(i) + epsilon);
            t[i] = beta.get(i) - mean.get(i) * s[i];
        }
        return new ChannelAffine(vector(s), vector(t));
    }

    /** c·x = c·x + 0: a per-channel scale as an affine map. */
    public static ChannelAffine scale(Tensor factors) {
        int c = factors.dim(0);
        return new ChannelAffine(factors, factors.hasData() ? Tensor.zeros(c) : Tensor.placeholder(c));
    }

    /** s·(W∗x + b) + t = (s·W)∗x + (s·b + t): an affine map after a layer scales its output rows. */
    public static KernelBias foldAfter(KernelBias layer, ChannelAffine a) {
        requireChannels(a, layer.outChannels(), "output");
        if (!layer.hasData() || !a.hasData()) {
            return placeholder(layer.kernel().shape());
        }
        float[] w = layer.kernel().toArray();
        int out = layer.outChannels();
        int row = w.length / out;
        double[] k = new double[w.length];
        double[] b = new double[out];
        for (int o = 0; o < out; o++) {
            double s = a.scale().get(o);
            for (int i = 0; i < row; i++) {
                k[o * row + i] = s * w[o * row + i];
            }
            b[o] = s * layer.bias().get(o) + a.shift().get(o);
        }
        return new KernelBias(Tensor.of(toFloat(k), layer.kernel().shape()), vector(b));
    }

    /**
     * W∗(s·x + t) + b = (W·diag s)∗x + (b + Σ W·t): an affine map before a layer scales its input columns. Exact
     * for a convolution only without zero padding (a padded border sees 0, not t): callers check.
     */
    public static KernelBias foldBefore(KernelBias layer, int group, ChannelAffine a) {
        int[] shape = layer.kernel().shape();
        int perGroup = shape[1];
        requireChannels(a, perGroup * group, "input");
        if (!layer.hasData() || !a.hasData()) {
            return placeholder(shape);
        }
        int out = shape[0];
        int taps = layer.kernel().rank() == 4 ? shape[2] * shape[3] : 1;
        int outPerGroup = out / group;
        float[] w = layer.kernel().toArray();
        double[] k = new double[w.length];
        double[] b = new double[out];
        for (int o = 0; o < out; o++) {
            double acc = layer.bias().get(o);
            for (int i = 0; i < perGroup; i++) {
                int c = (o / outPerGroup) * perGroup + i;
                double s = a.scale().get(c);
                double t = a.shift().get(c);
                for (int p = 0; p < taps; p++) {
                    int at = (o * perGroup + i) * taps + p;
                    k[at] = w[at] * s;
                    acc += w[at] * t;
                }
            }
            b[o] = acc;
        }
        return new KernelBias(Tensor.of(toFloat(k), shape), vector(b));
    }

    /** A grouped convolution is the dense one whose kernel is zero between groups (block-diagonal). */
    public static Tensor expandGroups(Tensor kernel, int group) {
        int[] s = kernel.shape();
        int out = s[0];
        int perGroup = s[1];
        int in = perGroup * group;
        int taps = s[2] * s[3];
        if (group == 1) {
            return kernel;
        }
        if (!kernel.hasData()) {
            return Tensor.placeholder(out, in, s[2], s[3]);
        }
        int outPerGroup = out / group;
        float[] w = kernel.toArray();
        float[] dense = new float[out * in * taps];
        for (int o = 0; o < out; o++) {
            int g = o / outPerGroup;
            for (int i = 0; i < perGroup; i++) {
                System.arraycopy(w, (o * perGroup + i) * taps, dense, (o * in + g * perGroup + i) * taps, taps);
            }
        }
        return Tensor.of(dense, out, in, s[2], s[3]);
    }

    /**
     * W2 ∗ (W1 ∗ x + b1) + b2 = (W2 ⊛ W1) ∗ x + (W2·b1 + b2), for the second convolution unpadded: the kernels
     * compose by a full correlation with W2 dilated by the first stride (size k1 + (k2 − 1)·s1), strides
     * multiply. Groups survive when both layers have the same grouping, otherwise both are expanded first.
     */
    public static ConvLayer composeConv(ConvLayer first, ConvLayer second) {
        if (second.inChannels() != first.weights().outChannels()) {
            throw new IllegalArgumentException("the second conv reads " + second.inChannels() + " channels, the first makes "
                    + first.weights().outChannels());
        }
        int group = first.group() == second.group() ? first.group() : 1;
        Tensor w1 = first.group() == group ? first.weights().kernel() : expandGroups(first.weights().kernel(), first.group());
        Tensor w2 = second.group() == group ? second.weights().kernel() : expandGroups(second.weights().kernel(), second.group());
        int[] s1 = w1.shape();
        int[] s2 = w2.shape();
        int kh = s1[2] + (s2[2] - 1) * first.strideH();
        int kw = s1[3] + (s2[3] - 1) * first.strideW();
        int out = s2[0];
        int inPerGroup = s1[1];
        int strideH = first.strideH() * second.strideH();
        int strideW = first.strideW() * second.strideW();
        if (!first.weights().hasData() || !second.weights().hasData()) {
            return new ConvLayer(placeholder(new int[] {out, inPerGroup, kh, kw}), group, strideH, strideW);
        }
        float[] a = w1.toArray();
        float[] c = w2.toArray();
        int mid = s1[0];
        int midPerGroup = s2[1];
        int outPerGroup = out / group;
        int midPerGroupOut = mid / group;
        // For each tap (u2, v2) of the second kernel, the rows of W2 at that tap times W1 (all of W1's taps of all
        // inputs of the group, one contiguous slab per middle channel) is a matrix product whose inner loop runs
        // over the whole slab; its result lands in the composed kernel shifted by the first stride times the tap.
        int slab = inPerGroup * s1[2] * s1[3];
        int taps2 = s2[2] * s2[3];
        double[] k = new double[out * inPerGroup * kh * kw];
        double[] b = new double[out];
        double[] row = new double[slab];
        for (int o = 0; o < out; o++) {
            int g = o / outPerGroup;
            double acc = second.weights().bias().get(o);
            for (int u2 = 0; u2 < s2[2]; u2++) {
                for (int v2 = 0; v2 < s2[3]; v2++) {
                    java.util.Arrays.fill(row, 0);
                    for (int ml = 0; ml < midPerGroup; ml++) {
                        int m = g * midPerGroupOut + ml;
                        double w2v = c[(o * midPerGroup + ml) * taps2 + u2 * s2[3] + v2];
                        if (w2v == 0) {
                            continue;
                        }
                        acc += w2v * first.weights().bias().get(m);
                        int from = m * slab;
                        for (int j = 0; j < slab; j++) {
                            row[j] += w2v * a[from + j];
                        }
                    }
                    int du = first.strideH() * u2;
                    int dv = first.strideW() * v2;
                    for (int i = 0; i < inPerGroup; i++) {
                        for (int u1 = 0; u1 < s1[2]; u1++) {
                            int to = ((o * inPerGroup + i) * kh + u1 + du) * kw + dv;
                            int at = (i * s1[2] + u1) * s1[3];
                            for (int v1 = 0; v1 < s1[3]; v1++) {
                                k[to + v1] += row[at + v1];
                            }
                        }
                    }
                }
            }
            b[o] = acc;
        }
        KernelBias weights = new KernelBias(Tensor.of(toFloat(k), out, inPerGroup, kh, kw), vector(b));
        return new ConvLayer(weights, group, strideH, strideW);
    }

    /** W2·(W1·x + b1) + b2 = (W2·W1)·x + (W2·b1 + b2). */
    public static KernelBias composeLinear(KernelBias first, KernelBias second) {
        int[] s1 = first.kernel().shape();
        int[] s2 = second.kernel().shape();
        if (s2[1] != s1[0]) {
            throw new IllegalArgumentException("the second linear reads " + s2[1] + " features, the first makes " + s1[0]);
        }
        if (!first.hasData() || !second.hasData()) {
            return placeholder(new int[] {s2[0], s1[1]});
        }
        float[] a = first.kernel().toArray();
        float[] c = second.kernel().toArray();
        double[] k = new double[s2[0] * s1[1]];
        double[] b = new double[s2[0]];
        for (int o = 0; o < s2[0]; o++) {
            double acc = second.bias().get(o);
            for (int m = 0; m < s1[0]; m++) {
                double w = c[o * s2[1] + m];
                acc += w * first.bias().get(m);
                for (int i = 0; i < s1[1]; i++) {
                    k[o * s1[1] + i] += w * a[m * s1[1] + i];
                }
            }
            b[o] = acc;
        }
        return new KernelBias(Tensor.of(toFloat(k), s2[0], s1[1]), vector(b));
    }

    /**
     * W∗x + b + x = (W + I)∗x + b, I the identity kernel: 1 at the centre tap of channel o → o (for a linear
     * layer, the identity matrix). Needs as many outputs as inputs, odd kernel sizes, and a dense or
     * depthwise grouping.
     */
    public static KernelBias addIdentity(KernelBias layer, int group) {
        int[] s = layer.kernel().shape();
        int out = s[0];
        int in = s[1] * group;
        if (in != out || (group != 1 && group != out)) {
            throw new IllegalArgumentException("no identity kernel for " + layer.kernel() + " with group " + group);
        }
        if (s.length == 4 && (s[2] % 2 == 0 || s[3] % 2 == 0)) {
            throw new IllegalArgumentException("an even kernel " + layer.kernel() + " has no centre tap");
        }
        if (!layer.hasData()) {
            return placeholder(s);
        }
        float[] w = layer.kernel().toArray();
        int taps = s.length == 4 ? s[2] * s[3] : 1;
        int centre = s.length == 4 ? (s[2] / 2) * s[3] + s[3] / 2 : 0;
        for (int o = 0; o < out; o++) {
            int i = group == 1 ? o : 0;
            w[(o * s[1] + i) * taps + centre] += 1f;
        }
        return new KernelBias(Tensor.of(w, s), layer.bias());
    }

    /** A linear layer over the channel axis is a 1×1 convolution: [out, in] → [out, in, 1, 1]. */
    public static KernelBias linearAsConv1x1(KernelBias linear) {
        int[] s = linear.kernel().shape();
        Tensor k = linear.kernel().hasData() ? Tensor.of(linear.kernel().toArray(), s[0], s[1], 1, 1)
                : Tensor.placeholder(s[0], s[1], 1, 1);
        return new KernelBias(k, linear.bias());
    }

    private static void requireChannels(ChannelAffine a, int channels, String side) {
        if (a.channels() != channels) {
            throw new IllegalArgumentException("an affine map over " + a.channels() + " channels cannot meet " + channels
                    + " " + side + " channels");
        }
    }

    private static KernelBias placeholder(int[] kernelShape) {
        return new KernelBias(Tensor.placeholder(kernelShape), Tensor.placeholder(kernelShape[0]));
    }

    static Tensor vector(double[] v) {
        return Tensor.of(toFloat(v), v.length);
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
