package dev.prune.rewrite;

import dev.prune.ir.Tensor;

/**
 * A per-channel affine map {@code y[c] = scale[c]·x[c] + shift[c]}: what BatchNorm is in eval mode, and what a
 * layer scale is with a zero shift. Both are [channels] tensors, possibly placeholders.
 */
public record ChannelAffine(Tensor scale, Tensor shift) {

    public ChannelAffine {
        if (!scale.sameShape(shift) || scale.rank() != 1) {
            throw new IllegalArgumentException("scale " + scale + " and shift " + shift + " must be equal [C] vectors");
        }
    }

    public int channels() {
        return scale.dim(0);
    }

    public boolean hasData() {
        return scale.hasData() && shift.hasData();
    }
}
