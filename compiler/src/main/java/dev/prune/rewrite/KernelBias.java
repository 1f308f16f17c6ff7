package dev.prune.rewrite;

import dev.prune.ir.Tensor;
import java.util.Objects;

/**
 * The merge algebra's one currency: an affine layer's weights. {@code kernel} is [out, in/group, kH, kW] for a
 * convolution or [out, in] for a linear layer; {@code bias} is [out] (an absent bias is zeros). Either may be a
 * placeholder (shape only), in which case every function of {@link MergeAlgebra} answers with placeholders of
 * the right shapes, so that costs of merges can be computed without weights.
 */
public record KernelBias(Tensor kernel, Tensor bias) {

    public KernelBias {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(bias, "bias");
        if (bias.rank() != 1 || bias.dim(0) != kernel.dim(0)) {
            throw new IllegalArgumentException("bias " + bias + " does not match kernel " + kernel);
        }
    }

    /** The kernel with a zero bias (a placeholder bias for a placeholder kernel). */
    public static KernelBias withoutBias(Tensor kernel) {
        int out = kernel.dim(0);
        return new KernelBias(kernel, kernel.hasData() ? Tensor.zeros(out) : Tensor.placeholder(out));
    }

    public int outChannels() {
        return kernel.dim(0);
    }

    public boolean isConv() {
        return kernel.rank() == 4;
    }

    public boolean hasData() {
        return kernel.hasData() && bias.hasData();
    }
}
