package dev.prune.rewrite;

/** A convolution as the algebra sees it: weights, groups and strides (no padding, no dilation). */
public record ConvLayer(KernelBias weights, int group, int strideH, int strideW) {

    public ConvLayer {
        if (!weights.isConv()) {
            throw new IllegalArgumentException("a conv layer needs a rank-4 kernel, got " + weights.kernel());
        }
        if (group < 1 || weights.outChannels() % group != 0) {
            throw new IllegalArgumentException("group " + group + " does not divide " + weights.outChannels() + " outputs");
        }
    }

    public int inChannels() {
        return weights.kernel().dim(1) * group;
    }
}
