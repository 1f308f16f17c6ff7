package dev.prune.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for operations whose backward pass reads them. DJL's {@code mul(Number)}, {@code div(Number)} and
 * {@code pow(Number)} turn the number into a tensor over a direct buffer that only the Java garbage collector frees,
 * and close that tensor as soon as the operation returns; autograd keeps the scalar for the backward pass, which
 * then reads freed memory whenever a collection ran in between. The gradients come out wrong (in
 * {@code ScalarOperandsTest}, about half the time), sometimes NaN or infinite, and now and then the process
 * crashes. A scalar made here lives in libtorch's own memory, in the manager of the array it multiplies, and so
 * outlives the step's backward pass.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code value} as a 0-d array of {@code like}'s type, owned by {@code like}'s manager. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** {@code x · value}, safe to differentiate. */
    public static NDArray times(NDArray x, float value) {
        return x.mul(of(x, value));
    }
}
