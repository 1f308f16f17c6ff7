package dev.prune.onnx;

import dev.prune.ir.Node;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.onnx.GraphLowering.UnsupportedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One IR node → ONNX nodes (opset 17). Most ops map one to one with their attributes copied; the rest are
 * lowered here, each with the identity it relies on:
 * <ul>
 *   <li>Gemm on rank 2: ONNX Gemm with transB = 1. On higher ranks (tokens, channels-last maps), where ONNX
 *       Gemm does not apply: {@code x·Wᵀ + b = MatMul(x, Wᵀ) + b} with Wᵀ a transposed initializer.</li>
 *   <li>Gelu (opset 20 in ONNX): {@code 0.5·x·(1 + erf(x/√2))}.</li>
 *   <li>Blend: {@code a + λ·(b − a)}, which is {@code (1 − λ)·a + λ·b}; at λ = 0 it is {@code a}, at λ = 1
 *       {@code b}, and then no node is written.</li>
 *   <li>Attributes that ONNX takes as tensor inputs (Reshape's shape, Clip's bounds, Pad's pads and value,
 *       Split's sizes, Slice's ranges) become initializers named {@code <node>/<attribute>}.</li>
 * </ul>
 * Every attribute an op's lowering does not read is refused, so nothing is dropped silently.
 */
final class NodeLowering {

    private final Node node;
    private final GraphLowering g;
    private final AttributeReader attrs;

    private NodeLowering(Node node, GraphLowering g) {
        this.node = node;
        this.g = g;
        this.attrs = new AttributeReader(node.attributes());
    }

    static void lower(Node node, GraphLowering g) {
        NodeLowering l = new NodeLowering(node, g);
        l.lower();
        List<String> unread = l.attrs.unread();
        if (!unread.isEmpty()) {
            throw new UnsupportedNode("attributes " + unread + " have no ONNX equivalent in this exporter");
        }
    }

    private void lower() {
        switch (node.op()) {
            case CONV -> same("kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
            case GEMM -> gemm();
            case MAT_MUL, RELU, ADD, SUB, MUL, DIV, GLOBAL_AVERAGE_POOL, IDENTITY, SIGMOID, HARD_SWISH, TANH -> same();
            case HARD_SIGMOID -> same("alpha", "beta");
            case SILU -> silu();
            case BATCH_NORMALIZATION -> same("epsilon", "momentum");
            case LAYER_NORMALIZATION -> same("axis", "epsilon");
            case CLIP -> clip();
            case GELU -> gelu();
            case MAX_POOL -> same("kernel_shape", "strides", "pads", "dilations", "ceil_mode", "auto_pad");
            case AVERAGE_POOL -> same("kernel_shape", "strides", "pads", "ceil_mode", "count_include_pad");
            case REDUCE_MEAN, REDUCE_L2 -> same("axes", "keepdims"); // attributes in opset 17 (inputs from 18)
            case SOFTMAX -> same("axis");
            case FLATTEN -> same("axis");
            case TRANSPOSE -> same("perm");
            case CONCAT -> concat();
            case RESHAPE -> withConstants(List.of(longs("shape", true)));
            case SLICE -> withConstants(List.of(longs("starts", true), longs("ends", true), longs("axes", false),
                    longs("steps", false)));
            case SPLIT -> withConstants(List.of(longs("split", false)), "axis");
            case PAD -> pad();
            case BLEND -> blend();
        }
    }

    /** The ONNX op of the same name, inputs and outputs as they are, the listed attributes copied. */
    private void same(String... attributeNames) {
        g.emit(node.name(), node.op().onnxName(), inputs(node.inputs()), outputs(), attrs.copyAll(attributeNames));
    }

    /** The ONNX op with extra inputs appended (absent optional ones as ""), trailing absent ones dropped. */
    private void withConstants(List<String> extraInputs, String... attributeNames) {
        List<String> in = new ArrayList<>(inputs(node.inputs()));
        in.addAll(extraInputs);
        while (in.get(in.size() - 1).isEmpty()) {
            in.remove(in.size() - 1);
        }
        g.emit(node.name(), node.op().onnxName(), in, outputs(), attrs.copyAll(attributeNames));
    }

    /** Attribute {@code name} as an int64 initializer {@code <node>/<name>}; "" when absent and optional. */
    private String longs(String name, boolean required) {
        long[] values = attrs.longs(name);
        if (values == null) {
            if (required) {
                throw new UnsupportedNode("attribute " + name + " is required");
            }
            return "";
        }
        return g.initializer(OnnxTensor.vector(node.name() + "/" + name, values));
    }

    /** A float scalar initializer {@code <node>/<role>}. */
    private String scalar(String role, float value) {
        return g.initializer(node.name() + "/" + role, Tensor.scalar(value));
    }

    private void gemm() {
        if (attrs.intValue("transB", 1) != 1) {
            throw new UnsupportedNode("only transB = 1 (PyTorch's Linear layout) is supported");
        }
        if (attrs.floatValue("alpha", 1f) != 1f || attrs.floatValue("beta", 1f) != 1f) {
            throw new UnsupportedNode("alpha and beta other than 1 are not supported");
        }
        String x = node.input(0);
        String w = node.input(1);
        if (g.shape(x).rank() == 2) {
            g.emit(node.name(), "Gemm", inputs(node.inputs()), outputs(), List.of(OnnxAttribute.of("transB", 1L)));
            return;
        }
        String wT = transposedWeight(w);
        boolean bias = node.inputs().size() == 3;
        String product = bias ? node.name() + "/matmul" : g.output(node.output());
        g.emit(bias ? product : node.name(), "MatMul", List.of(g.input(x), wT), List.of(product), List.of());
        if (bias) {
            g.emit(node.name(), "Add", List.of(product, g.input(node.input(2))), outputs(), List.of());
        }
    }

    /** Wᵀ as an initializer {@code <W>/transposed}; W must be a parameter, as the zoo and imports make it. */
    private String transposedWeight(String w) {
        if (!g.isParameter(w)) {
            throw new UnsupportedNode("on inputs of rank > 2 the weight must be a parameter, " + w + " is not");
        }
        Tensor weight = g.parameter(w).value();
        int rows = weight.dim(0);
        int cols = weight.dim(1);
        float[] data = weight.toArray();
        float[] transposed = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                transposed[c * rows + r] = data[r * cols + c];
            }
        }
        return g.initializer(w + "/transposed", Tensor.of(transposed, cols, rows));
    }

    private void clip() {
        String min = attrs.has("min") ? scalar("min", attrs.floatValue("min", 0)) : "";
        String max = attrs.has("max") ? scalar("max", attrs.floatValue("max", 0)) : "";
        withConstants(List.of(min, max));
    }

    private void gelu() {
        String approximate = attrs.stringValue("approximate", "none");
        if (!approximate.equals("none")) {
            throw new UnsupportedNode("only the exact (erf) GELU is supported, not approximate = " + approximate);
        }
        String x = g.input(node.input(0));
        String n = node.name();
        // Shared by every GELU of the graph: the constants do not depend on the node.
        String sqrt2 = g.initializer("gelu/sqrt2", Tensor.scalar((float) Math.sqrt(2)));
        String one = g.initializer("gelu/one", Tensor.scalar(1f));
        String half = g.initializer("gelu/half", Tensor.scalar(0.5f));
        g.emit(n + "/div", "Div", List.of(x, sqrt2), List.of(n + "/div"), List.of());
        g.emit(n + "/erf", "Erf", List.of(n + "/div"), List.of(n + "/erf"), List.of());
        g.emit(n + "/add", "Add", List.of(n + "/erf", one), List.of(n + "/add"), List.of());
        g.emit(n + "/mul", "Mul", List.of(x, n + "/add"), List.of(n + "/mul"), List.of());
        g.emit(n, "Mul", List.of(n + "/mul", half), outputs(), List.of());
    }

    /** x·Sigmoid(x): ONNX has no SiLU before opset 22. */
    private void silu() {
        String x = g.input(node.input(0));
        String n = node.name();
        g.emit(n + "/sigmoid", "Sigmoid", List.of(x), List.of(n + "/sigmoid"), List.of());
        g.emit(n, "Mul", List.of(x, n + "/sigmoid"), outputs(), List.of());
    }

    private void concat() {
        // ONNX requires axis; the IR defaults it to 0.
        g.emit(node.name(), "Concat", inputs(node.inputs()), outputs(),
                List.of(OnnxAttribute.of("axis", (long) attrs.intValue("axis", 0))));
    }

    private void pad() {
        String mode = attrs.stringValue("mode", "constant");
        if (!mode.equals("constant")) {
            throw new UnsupportedNode("only constant padding is supported, not " + mode);
        }
        String value = attrs.has("value") ? scalar("value", attrs.floatValue("value", 0)) : "";
        withConstants(List.of(longs("pads", true), value));
    }

    private void blend() {
        // Which pruned block the Blend belongs to: it lets a schedule set λ per block, and means nothing to ONNX.
        attrs.ignore("block");
        String a = node.input(0);
        String b = node.input(1);
        String lambda;
        if (node.inputs().size() == 3) {
            lambda = g.input(node.input(2));
        } else if (attrs.has("lambda")) {
            float l = attrs.floatValue("lambda", 0);
            if ((l == 0 || l == 1) && passThrough(l == 0 ? a : b)) {
                return;
            }
            lambda = scalar("lambda", l);
        } else {
            throw new UnsupportedNode("λ is neither an attribute nor an input");
        }
        String n = node.name();
        g.emit(n + "/diff", "Sub", List.of(g.input(b), g.input(a)), List.of(n + "/diff"), List.of());
        g.emit(n + "/scaled", "Mul", List.of(n + "/diff", lambda), List.of(n + "/scaled"), List.of());
        g.emit(n, "Add", List.of(g.input(a), n + "/scaled"), outputs(), List.of());
    }

    /**
     * Makes the node's output stand for {@code source}: readers of the output read the source. A graph
     * output keeps its own name, so it gets an Identity. False when broadcasting would make the output larger
     * than the source, in which case the caller writes the arithmetic.
     */
    private boolean passThrough(String source) {
        Shape out = g.shape(node.output());
        if (!g.shape(source).equals(out)) {
            return false;
        }
        if (g.isGraphOutput(node.output())) {
            g.emit(node.name(), "Identity", List.of(g.input(source)), outputs(), List.of());
        } else {
            g.alias(node.output(), source);
        }
        return true;
    }

    private List<String> inputs(List<String> irInputs) {
        return irInputs.stream().map(g::input).toList();
    }

    private List<String> outputs() {
        return node.outputs().stream().map(g::output).toList();
    }
}
