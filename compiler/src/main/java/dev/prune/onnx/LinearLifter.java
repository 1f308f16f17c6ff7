package dev.prune.onnx;

import static dev.prune.onnx.Lifters.is;
import static dev.prune.onnx.Lifters.other;
import static dev.prune.onnx.Lifters.output;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Linear layer on inputs of rank > 2, as torch exports it: {@code MatMul(x, Wᵀ)} then optionally
 * {@code Add(b, ·)} → the IR's {@code Gemm(x, W, b)} over the last axis. Wᵀ is either
 * {@code Transpose(W)} of the state-dict weight (no constant folding: W is used as it is) or an initializer
 * {@code onnx::MatMul_N} that torch folded to [in, out] (transposed back, and named
 * {@code <module>.weight} after the bias's or the node's module).
 */
final class LinearLifter implements Lifter {

    @Override
    public boolean lift(OnnxNode matMul, ImportContext cx) {
        if (!is(matMul, "MatMul") || !cx.isActivation(matMul.inputs().get(0)) || cx.isActivation(matMul.inputs().get(1))) {
            return false;
        }
        String wT = matMul.inputs().get(1);
        Optional<Folded> folded = cx.constant(wT).filter(f -> f.isFloat() && f.rank() == 2);
        if (folded.isEmpty()) {
            return false;
        }
        int outFeatures = folded.get().shape()[1];
        String module = ModulePath.of(matMul.name());
        List<OnnxNode> pattern = new ArrayList<>(List.of(matMul));
        String out = output(matMul);
        String bias = null;
        Optional<OnnxNode> add = cx.soleConsumer(out, "Add");
        Optional<String> b = add.flatMap(a -> other(a, output(matMul))).filter(v -> Lifters.isVector(cx, v, outFeatures));
        if (b.isPresent()) {
            pattern.add(add.get());
            bias = cx.parameter(b.get(), module, "bias");
            out = output(add.get());
        }
        String weight = stateDictWeight(wT, cx, module)
                .orElseGet(() -> cx.derivedParameter(weightName(matMul, b, cx, module), Lifters.transposed(folded.get())));
        List<String> inputs = bias == null ? List.of(cx.activation(matMul.inputs().get(0)), weight)
                : List.of(cx.activation(matMul.inputs().get(0)), weight, bias);
        cx.bind(out, cx.emit(Op.GEMM, matMul, "Gemm", inputs, Attributes.builder().put("transB", 1).build()));
        cx.consume(pattern);
        return true;
    }

    /** W itself when Wᵀ is {@code Transpose(W)} of an initializer (the export without constant folding). */
    private static Optional<String> stateDictWeight(String wT, ImportContext cx, String module) {
        return cx.producer(wT)
                .filter(t -> is(t, "Transpose") && cx.isInitializer(t.inputs().get(0))
                        && t.attribute("perm").map(p -> p.intsValue().length == 2 && p.intsValue()[0] == 1).orElse(true))
                .map(t -> cx.parameter(t.inputs().get(0), module, "weight"));
    }

    /** {@code fc1.weight} for bias {@code fc1.bias}, else {@code <module>.weight}, else the folded name. */
    private static String weightName(OnnxNode matMul, Optional<String> bias, ImportContext cx, String module) {
        if (bias.isPresent() && cx.isInitializer(bias.get()) && bias.get().endsWith(".bias")
                && ModulePath.isStateDictName(bias.get())) {
            return bias.get().substring(0, bias.get().length() - ".bias".length()) + ".weight";
        }
        return module.isEmpty() ? matMul.inputs().get(1) : module + ".weight";
    }
}
