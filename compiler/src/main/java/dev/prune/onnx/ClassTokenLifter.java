package dev.prune.onnx;

import static dev.prune.onnx.Lifters.is;
import static dev.prune.onnx.Lifters.output;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ViT's class token: {@code Concat(Expand(cls_token, [N, -1, -1]), tokens; axis)}, where the Expand only
 * repeats a [1, …] parameter over the batch. The IR has no Expand (it would need the run-time batch size),
 * so, as the zoo does, each Concat operand is zero-padded along the axis to the full length and the padded
 * values are added: {@code Pad(cls) + Pad(tokens)}, broadcasting the token over the batch.
 */
final class ClassTokenLifter implements Lifter {

    @Override
    public boolean lift(OnnxNode expand, ImportContext cx) {
        if (!is(expand, "Expand") || cx.isActivation(expand.inputs().get(0))) {
            return false;
        }
        Optional<Folded> token = cx.constant(expand.inputs().get(0)).filter(Folded::isFloat);
        Optional<Folded> target = cx.constant(expand.inputs().get(1)).filter(f -> !f.isFloat());
        Optional<OnnxNode> concat = cx.soleConsumer(output(expand), "Concat");
        if (token.isEmpty() || target.isEmpty() || concat.isEmpty() || !onlyOverBatch(token.get(), target.get())) {
            return false;
        }
        int rank = token.get().rank();
        int axis = Math.toIntExact(concat.get().attribute("axis").map(OnnxAttribute::intValue).orElse(0L));
        axis = axis < 0 ? axis + rank : axis;
        List<String> parts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String in : concat.get().inputs()) {
            if (in.equals(output(expand))) {
                parts.add(cx.parameter(expand.inputs().get(0), "", null));
                sizes.add(token.get().shape()[axis]);
            } else {
                if (!cx.isActivation(in)) {
                    return false;
                }
                Shape s = cx.shape(in);
                if (s.rank() != rank || axis == 0 || s.dim(axis) == Shape.DYNAMIC) {
                    return false;
                }
                parts.add(cx.activation(in));
                sizes.add(s.dim(axis));
            }
        }
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        String sum = null;
        int offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            int[] pads = new int[2 * rank];
            pads[axis] = offset;
            pads[rank + axis] = total - offset - sizes.get(i);
            offset += sizes.get(i);
            String padded = cx.emit(Op.PAD, concat.get(), "Pad_" + i, List.of(parts.get(i)),
                    Attributes.builder().put("mode", "constant").putInts("pads", pads).build());
            sum = sum == null ? padded
                    : cx.emit(Op.ADD, concat.get(), "Add_" + i, List.of(sum, padded), Attributes.empty());
        }
        cx.bind(output(concat.get()), sum);
        cx.consume(List.of(expand, concat.get()));
        return true;
    }

    /** The target shape repeats the token only along a leading axis of size 1, to the batch. */
    private static boolean onlyOverBatch(Folded token, Folded target) {
        long[] t = target.ints();
        if (t.length != token.rank() || token.shape()[0] != 1 || t[0] != Folded.BATCH) {
            return false;
        }
        for (int i = 1; i < t.length; i++) {
            if (t[i] != -1 && t[i] != 1 && t[i] != token.shape()[i]) {
                return false;
            }
        }
        return true;
    }
}
