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

    /** ONNX Reshape's target (with {@link Folded#BATCH}) as the IR's shape attribute for input {@code in}. */
    static int[] target(Shape in, long[] target) {
        int batch = batchAxis(in);
        int[] out = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            long v = target[i];
            if (v == Folded.BATCH) {
                if (i != batch) {
                    throw new Unsupported("the reshape moves the batch dimension from axis " + batch + " to " + i
                            + ", which the IR cannot express");
                }
                out[i] = 0;
            } else if (v < -1 || v > Integer.MAX_VALUE) {
                throw new Unsupported("shape value " + v + " is not supported");
            } else {
                out[i] = (int) v;
            }
        }
        if (batch >= 0 && (batch >= out.length || out[batch] != 0)) {
            throw new Unsupported("the reshape " + Arrays.toString(target) + " does not keep the batch dimension of "
                    + in + " at axis " + batch + ", which the IR needs");
        }
        return out;
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
