package dev.prune.onnx;

import dev.prune.ir.Tensor;
import java.util.List;
import java.util.Optional;

/** The catalogue of pattern lifters, in the order they are tried, and the matching helpers they share. */
final class Lifters {

    /** Every lifter; the first that matches a node takes it. */
    static final List<Lifter> CATALOGUE = List.of(
            new LayerNormLifter(),   // ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div[/Mul/Add] → LayerNormalization
            new GeluLifter(),        // Div(√2)/Erf/Add(1)/Mul(x)/Mul(0.5) → Gelu
            new SiluLifter(),        // Mul(x, Sigmoid(x)) → Silu
            new LinearLifter(),      // MatMul(x, Wᵀ constant)[/Add(b)] → Gemm (x·Wᵀ + b, any rank)
            new ClassTokenLifter()); // Concat(Expand(cls_token, [N, -1, -1]), tokens) → Pad + Pad + Add

    private Lifters() {
    }

    static boolean is(OnnxNode n, String opType) {
        return n.opType().equals(opType) && n.domain().isEmpty();
    }

    static String output(OnnxNode n) {
        return n.outputs().get(0);
    }

    /** The input of a binary node other than {@code value}; empty if {@code value} is not one of its two. */
    static Optional<String> other(OnnxNode binary, String value) {
        if (binary.inputs().size() != 2) {
            return Optional.empty();
        }
        if (binary.inputs().get(0).equals(value)) {
            return Optional.of(binary.inputs().get(1));
        }
        return binary.inputs().get(1).equals(value) ? Optional.of(binary.inputs().get(0)) : Optional.empty();
    }

    /** True when {@code value} folds to a single number equal to {@code expected}. */
    static boolean isScalar(ImportContext cx, String value, double expected) {
        return cx.constant(value).map(f -> f.isFloat() && f.isScalar(expected)).orElse(false);
    }

    /** A float constant vector of {@code length} elements (a norm's scale or shift, a linear's bias). */
    static boolean isVector(ImportContext cx, String value, int length) {
        return cx.constant(value).map(f -> f.isFloat() && f.rank() == 1 && f.shape()[0] == length).orElse(false);
    }

    /** A 2-D float constant as the IR tensor of its transpose: [in, out] → PyTorch's [out, in]. */
    static Tensor transposed(Folded w) {
        if (!w.isFloat() || w.rank() != 2) {
            throw new Unsupported("the weight must be a 2-D float constant, is " + w);
        }
        int rows = w.shape()[0];
        int cols = w.shape()[1];
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = w.floats()[r * cols + c];
            }
        }
        return Tensor.of(out, cols, rows);
    }
}
