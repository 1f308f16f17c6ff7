package dev.prune.onnx;

import static dev.prune.onnx.Lifters.is;
import static dev.prune.onnx.Lifters.other;
import static dev.prune.onnx.Lifters.output;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LayerNorm over the last axis as torch exports it below opset 17:
 * {@code μ = ReduceMean(x); d = x − μ; y = d / Sqrt(ReduceMean(Pow(d, 2)) + ε)}, then optionally
 * {@code Mul(y, weight)} and {@code Add(·, bias)} → {@code LayerNormalization(x, weight, bias; ε)}.
 * Without the affine part the scale is a constant of ones.
 */
final class LayerNormLifter implements Lifter {

    @Override
    public boolean lift(OnnxNode mean, ImportContext cx) {
        if (!is(mean, "ReduceMean") || !cx.isActivation(mean.inputs().get(0))) {
            return false;
        }
        String x = mean.inputs().get(0);
        Shape shape = cx.shape(x);
        if (!reducesLastAxis(mean, shape)) {
            return false;
        }
        Optional<OnnxNode> sub = cx.soleConsumer(output(mean), "Sub")
                .filter(s -> s.inputs().equals(List.of(x, output(mean))));
        if (sub.isEmpty()) {
            return false;
        }
        String d = output(sub.get());
        List<OnnxNode> users = cx.consumers(d);
        OnnxNode pow = users.stream().filter(u -> is(u, "Pow")).findFirst().orElse(null);
        if (users.size() != 2 || pow == null || !pow.inputs().get(0).equals(d)
                || !Lifters.isScalar(cx, pow.inputs().get(1), 2)) {
            return false;
        }
        Optional<OnnxNode> variance = cx.soleConsumer(output(pow), "ReduceMean").filter(v -> reducesLastAxis(v, shape));
        Optional<OnnxNode> addEps = variance.flatMap(v -> cx.soleConsumer(output(v), "Add"));
        Optional<String> eps = addEps.flatMap(a -> other(a, output(variance.get())))
                .filter(e -> cx.constant(e).map(f -> f.isFloat() && f.size() == 1).orElse(false));
        Optional<OnnxNode> sqrt = eps.flatMap(e -> cx.soleConsumer(output(addEps.get()), "Sqrt"));
        Optional<OnnxNode> div = sqrt.flatMap(s -> cx.soleConsumer(output(s), "Div"))
                .filter(v -> v.inputs().equals(List.of(d, output(sqrt.get()))) && users.contains(v));
        if (div.isEmpty()) {
            return false;
        }
        List<OnnxNode> pattern = new ArrayList<>(List.of(mean, sub.get(), pow, variance.get(), addEps.get(),
                sqrt.get(), div.get()));
        int channels = shape.dim(-1);
        String module = ModulePath.of(mean.name());
        String out = output(div.get());
        String weight = null;
        String bias = null;
        Optional<OnnxNode> mul = cx.soleConsumer(out, "Mul");
        Optional<String> w = mul.flatMap(m -> other(m, output(div.get()))).filter(v -> Lifters.isVector(cx, v, channels));
        if (w.isPresent()) {
            pattern.add(mul.get());
            weight = cx.parameter(w.get(), module, "weight");
            out = output(mul.get());
            Optional<OnnxNode> add = cx.soleConsumer(out, "Add");
            String scaled = out;
            Optional<String> b = add.flatMap(a -> other(a, scaled)).filter(v -> Lifters.isVector(cx, v, channels));
            if (b.isPresent()) {
                pattern.add(add.get());
                bias = cx.parameter(b.get(), module, "bias");
                out = output(add.get());
            }
        }
        if (weight == null) {
            weight = cx.constantParameter(module.isEmpty() ? "layer_norm/ones" : module + "/ones",
                    Tensor.full(1f, channels));
        }
        float epsilon = (float) cx.constant(eps.get()).orElseThrow().number(0);
        List<String> inputs = bias == null ? List.of(cx.activation(x), weight) : List.of(cx.activation(x), weight, bias);
        Attributes attrs = Attributes.builder().put("axis", -1).put("epsilon", epsilon).build();
        cx.bind(out, cx.emit(Op.LAYER_NORMALIZATION, mean, "LayerNormalization", inputs, attrs));
        cx.consume(pattern);
        return true;
    }

    /** ReduceMean over exactly the last axis, keeping it (axes as attribute, or as a constant input). */
    private static boolean reducesLastAxis(OnnxNode n, Shape shape) {
        if (n.attribute("keepdims").map(a -> a.intValue() != 1).orElse(false)) {
            return false;
        }
        long[] axes = n.attribute("axes").map(OnnxAttribute::intsValue).orElse(null);
        return axes != null && axes.length == 1 && (axes[0] == -1 || axes[0] == shape.rank() - 1);
    }
}
