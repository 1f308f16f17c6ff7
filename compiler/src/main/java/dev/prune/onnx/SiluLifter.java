package dev.prune.onnx;

import static dev.prune.onnx.Lifters.is;
import static dev.prune.onnx.Lifters.other;
import static dev.prune.onnx.Lifters.output;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import java.util.List;
import java.util.Optional;

/**
 * SiLU as torch exports it below opset 22: {@code Mul(x, Sigmoid(x))} (either operand order), the Sigmoid read
 * by that Mul alone → {@code Silu(x)}. A Sigmoid that multiplies anything else is a gate, and stays one.
 */
final class SiluLifter implements Lifter {

    @Override
    public boolean lift(OnnxNode sigmoid, ImportContext cx) {
        if (!is(sigmoid, "Sigmoid") || !cx.isActivation(sigmoid.inputs().get(0))) {
            return false;
        }
        String x = sigmoid.inputs().get(0);
        Optional<OnnxNode> mul = cx.soleConsumer(output(sigmoid), "Mul")
                .filter(m -> other(m, output(sigmoid)).map(x::equals).orElse(false));
        if (mul.isEmpty()) {
            return false;
        }
        cx.bind(output(mul.get()), cx.emit(Op.SILU, sigmoid, siluName(sigmoid), List.of(cx.activation(x)), Attributes.empty()));
        cx.consume(List.of(sigmoid, mul.get()));
        return true;
    }

    /** {@code …/Sigmoid_3} → {@code Silu_3}: unique as torch's node names are. */
    private static String siluName(OnnxNode sigmoid) {
        String leaf = sigmoid.name().isEmpty() ? "Sigmoid" : ModulePath.leaf(sigmoid.name());
        return leaf.replace("Sigmoid", "Silu");
    }
}
