package dev.prune.onnx;

import static dev.prune.onnx.Lifters.is;
import static dev.prune.onnx.Lifters.other;
import static dev.prune.onnx.Lifters.output;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import java.util.List;
import java.util.Optional;

/**
 * The exact GELU as torch exports it below opset 20: {@code Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)}
 * (either operand order in the Muls and the Add) → {@code Gelu(x; approximate = "none")}.
 */
final class GeluLifter implements Lifter {

    private static final double SQRT2 = Math.sqrt(2);

    @Override
    public boolean lift(OnnxNode div, ImportContext cx) {
        if (!is(div, "Div") || div.inputs().size() != 2 || !cx.isActivation(div.inputs().get(0))
                || !Lifters.isScalar(cx, div.inputs().get(1), SQRT2)) {
            return false;
        }
        String x = div.inputs().get(0);
        Optional<OnnxNode> erf = cx.soleConsumer(output(div), "Erf");
        Optional<OnnxNode> addOne = erf.flatMap(e -> cx.soleConsumer(output(e), "Add"))
                .filter(a -> other(a, output(erf.get())).map(v -> Lifters.isScalar(cx, v, 1)).orElse(false));
        Optional<OnnxNode> timesX = addOne.flatMap(a -> cx.soleConsumer(output(a), "Mul"))
                .filter(m -> other(m, output(addOne.get())).map(x::equals).orElse(false));
        Optional<OnnxNode> half = timesX.flatMap(m -> cx.soleConsumer(output(m), "Mul"))
                .filter(m -> other(m, output(timesX.get())).map(v -> Lifters.isScalar(cx, v, 0.5)).orElse(false));
        if (half.isEmpty()) {
            return false;
        }
        Attributes attrs = Attributes.builder().put("approximate", "none").build();
        cx.bind(output(half.get()), cx.emit(Op.GELU, div, "Gelu", List.of(cx.activation(x)), attrs));
        cx.consume(List.of(div, erf.get(), addOne.get(), timesX.get(), half.get()));
        return true;
    }
}
