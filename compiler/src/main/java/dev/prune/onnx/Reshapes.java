package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Axis bookkeeping for ONNX ops that the IR expresses as Reshape (plus Transpose): Reshape with a folded
 * target, Squeeze, Unsqueeze. The IR's Reshape copies the dynamic batch dimension with 0 at the same
 * position; where an op moves the batch axis (squeezing the leading 3 of qkv's {@code [3, N, h, T, d]}), a
 * Transpose first puts the removed or added unit axes last, where they cannot displace it.
 */
final class Reshapes {

    private Reshapes() {
    }

    /** An IR reshape target, and k where its dynamic dimension is N·k (0 when it has none). */
    record Target(int[] shape, long batchFactor) {
    }

    /** ONNX Reshape's target (with {@link Folded#BATCH}) as the IR's shape attribute for input {@code in}. */
    static int[] target(Shape in, long[] target) {
        return target(in, 1, target).shape();
    }

    /**
     * ONNX Reshape's target for an input whose dynamic dimension is N·{@code inFactor}. A dimension N·k stays
     * 0 (copied) where the input has N·k at the same axis; elsewhere it becomes the one -1 of the target, so
     * the batch stays dynamic ([T, N, E] → [T, N·heads, d] is [T, -1, d]).
     */
    static Target target(Shape in, long inFactor, long[] target) {
        int batch = batchAxis(in);
        int[] out = new int[target.length];
        int inferred = -1;
        long factor = 0;
        for (int i = 0; i < target.length; i++) {
            long v = target[i];
            if (Folded.isBatch(v) && i == batch && Folded.factor(v) == inFactor) {
                out[i] = 0;
                factor = inFactor;
            } else if (Folded.isBatch(v) || v == -1) {
                if (inferred >= 0) {
                    throw new Unsupported("the reshape " + show(target) + " of " + in + " leaves two dimensions "
                            + "unknown at import time");
                }
                inferred = i;
                out[i] = -1;
                factor = Folded.isBatch(v) ? Folded.factor(v) : factor;
            } else if (v < -1 || v > Integer.MAX_VALUE) {
                throw new Unsupported("shape value " + v + " is not supported");
            } else {
                out[i] = (int) v;
            }
        }
        boolean copied = batch >= 0 && batch < out.length && out[batch] == 0;
        if (batch >= 0 && !copied) {
            // The -1 takes the batch, times what the target's known sizes leave over: ONNX Runtime and the
            // engines compute it from the element count, exactly as the exporter's arithmetic on N did
            // (attention's [T, N·heads, d] → [T·N, E] and back).
            if (inferred < 0) {
                throw new Unsupported("the reshape " + show(target) + " does not keep the batch dimension of " + in
                        + " at axis " + batch + ", which the IR needs");
            }
            long k = inferredFactor(in, inFactor, out, inferred);
            if (factor != 0 && factor != k) {
                throw new Unsupported("the reshape " + show(target) + " of " + in + " does not keep the element count");
            }
            factor = k;
        }
        return new Target(out, factor);
    }


    /** k of the -1 dimension that absorbs the input's N·inFactor: the input's static size over the target's. */
    private static long inferredFactor(Shape in, long inFactor, int[] out, int inferred) {
        long staticIn = 1;
        for (int i = 0; i < in.rank(); i++) {
            boolean copied = i < out.length && out[i] == 0;
            if (in.dim(i) != Shape.DYNAMIC && !copied) {
                staticIn *= in.dim(i);
            }
        }
        long staticOut = 1;
        for (int i = 0; i < out.length; i++) {
            if (i != inferred && out[i] != 0) {
                staticOut *= out[i];
            }
        }
        if ((inFactor * staticIn) % staticOut != 0) {
            throw new Unsupported("the reshape " + Arrays.toString(out) + " of " + in + " splits the batch dimension");
        }
        return inFactor * staticIn / staticOut;
    }

    private static String show(long[] target) {
        return Arrays.toString(Arrays.stream(target).mapToObj(Folded::show).toArray());
    }

    /** Squeeze {@code axes} (each of size 1) from x. */
    static String squeeze(ImportContext cx, OnnxNode origin, String x, int[] axes) {
        Shape in = cx.builderShape(x);
        boolean[] drop = new boolean[in.rank()];
        for (int a : axes) {
            int axis = in.normalizeAxis(a);
            if (in.dim(axis) != 1) {
                throw new Unsupported("cannot squeeze axis " + a + " of " + in + ": its size is not 1");
            }
            drop[axis] = true;
        }
        List<Integer> kept = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < in.rank(); i++) {
            (drop[i] ? dropped : kept).add(i);
        }
        int batch = batchAxis(in);
        String y = x;
        if (batch >= 0 && dropped.stream().anyMatch(d -> d < batch)) {
            List<Integer> perm = new ArrayList<>(kept);
            perm.addAll(dropped);
            y = cx.emit(Op.TRANSPOSE, origin, ModulePath.leaf(origin.name()) + "/unit_axes_last", List.of(y),
                    Attributes.builder().putInts("perm", toArray(perm)).build());
        }
        int[] out = kept.stream().mapToInt(in::dim).toArray();
        return reshape(cx, origin, y, out);
    }

    /** Insert unit axes at {@code axes} (positions in the output) into x. */
    static String unsqueeze(ImportContext cx, OnnxNode origin, String x, int[] axes) {
        Shape in = cx.builderShape(x);
        int rank = in.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (int a : axes) {
            inserted[a < 0 ? a + rank : a] = true;
        }
        int batch = batchAxis(in);
        int[] out = new int[rank];
        int[] perm = new int[rank];
        boolean moves = false;
        for (int i = 0, j = 0, k = in.rank(); i < rank; i++) {
            if (inserted[i]) {
                out[i] = 1;
                perm[i] = k++;
                moves |= batch >= 0 && j <= batch;
            } else {
                out[i] = in.dim(j);
                perm[i] = j++;
            }
        }
        if (!moves) {
            return reshape(cx, origin, x, out);
        }
        int[] appended = Arrays.copyOf(in.dims(), rank);
        Arrays.fill(appended, in.rank(), rank, 1);
        String y = reshape(cx, origin, x, appended);
        return cx.emit(Op.TRANSPOSE, origin, ModulePath.leaf(origin.name()) + "/place_unit_axes", List.of(y),
                Attributes.builder().putInts("perm", perm).build());
    }

    /** An IR Reshape of x to {@code dims} (dynamic dimensions as {@link Shape#DYNAMIC}, copied with 0). */
    private static String reshape(ImportContext cx, OnnxNode origin, String x, int[] dims) {
        int[] target = dims.clone();
        for (int i = 0; i < target.length; i++) {
            if (target[i] == Shape.DYNAMIC) {
                target[i] = 0;
            }
        }
        return cx.emit(Op.RESHAPE, origin, null, List.of(x), Attributes.builder().putInts("shape", target).build());
    }

    /** The dynamic axis of a shape, or -1 when it is static. */
    static int batchAxis(Shape s) {
        for (int i = 0; i < s.rank(); i++) {
            if (s.dim(i) == Shape.DYNAMIC) {
                return i;
            }
        }
        return -1;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
