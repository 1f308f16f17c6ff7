package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The catalogue of single-node translations: one ONNX node (opsets 13–17) → IR nodes, for the nodes that no
 * {@link Lifter} took and that are not constants. Constant inputs that the IR takes as attributes (Reshape's
 * shape, Clip's bounds, Pad's pads, Split's sizes, Slice's ranges, Squeeze's axes) must fold at import time.
 * Each entry says what it maps; anything not listed is refused with the op's name.
 */
final class OpTranslations {

    /** Imports one node: emits IR and binds the node's outputs, or throws {@link Unsupported}. */
    interface Translation {
        void apply(OnnxNode node, ImportContext cx);
    }

    private static final Map<String, Translation> CATALOGUE = Map.ofEntries(
            // Conv(X, W[, B]) → Conv; W and B named <module>.weight/.bias when torch renamed them (BN folded in).
            Map.entry("Conv", OpTranslations::conv),
            // BatchNormalization in inference form → BatchNormalization (epsilon kept, momentum dropped).
            Map.entry("BatchNormalization", OpTranslations::batchNorm),
            // Gemm(A, B, C) with alpha = beta = 1 → the IR's Gemm (x·Wᵀ + b); transB = 0 transposes the weight.
            Map.entry("Gemm", OpTranslations::gemm),
            // MatMul of two activations (attention scores and context) → MatMul.
            Map.entry("MatMul", (n, cx) -> same(n, cx, Op.MAT_MUL)),
            // LayerNormalization (opset 17) over the last axis → LayerNormalization.
            Map.entry("LayerNormalization", OpTranslations::layerNorm),
            Map.entry("Relu", (n, cx) -> same(n, cx, Op.RELU)),
            // Clip(X, min, max) with constant bounds → Clip with min/max attributes (ReLU6).
            Map.entry("Clip", OpTranslations::clip),
            Map.entry("Softmax", OpTranslations::softmax),
            // Sigmoid that no SiLU lifter took → Sigmoid (a squeeze-and-excitation gate).
            Map.entry("Sigmoid", (n, cx) -> same(n, cx, Op.SIGMOID)),
            // HardSigmoid(alpha, beta) → HardSigmoid (MobileNetV3's gate); HardSwish → HardSwish.
            Map.entry("HardSigmoid", OpTranslations::hardSigmoid),
            Map.entry("HardSwish", (n, cx) -> same(n, cx, Op.HARD_SWISH)),
            Map.entry("Tanh", (n, cx) -> same(n, cx, Op.TANH)),
            // Einsum that is a batched matrix product (MaxViT's attention) → MatMul, after a Transpose if needed.
            Map.entry("Einsum", OpTranslations::einsum),
            // Elementwise arithmetic; constant operands become parameters (layer scale) or constants (attention scale).
            Map.entry("Add", (n, cx) -> same(n, cx, Op.ADD)),
            Map.entry("Sub", (n, cx) -> same(n, cx, Op.SUB)),
            Map.entry("Mul", (n, cx) -> same(n, cx, Op.MUL)),
            Map.entry("Div", (n, cx) -> same(n, cx, Op.DIV)),
            Map.entry("GlobalAveragePool", (n, cx) -> same(n, cx, Op.GLOBAL_AVERAGE_POOL)),
            // MaxPool / AveragePool, 2-D, with ceil_mode (GoogLeNet, SqueezeNet) and count_include_pad.
            Map.entry("MaxPool", (n, cx) -> pool(n, cx, Op.MAX_POOL)),
            Map.entry("AveragePool", (n, cx) -> pool(n, cx, Op.AVERAGE_POOL)),
            // ReduceMean with axes as attribute (≤ 17) or input (18) → ReduceMean.
            Map.entry("ReduceMean", (n, cx) -> reduce(n, cx, Op.REDUCE_MEAN)),
            // ReduceL2 likewise (F.normalize's norm: Swin V2's cosine attention).
            Map.entry("ReduceL2", (n, cx) -> reduce(n, cx, Op.REDUCE_L2)),
            Map.entry("Flatten", OpTranslations::flatten),
            // Reshape(X, shape) with a folded shape; the batch is copied with 0.
            Map.entry("Reshape", OpTranslations::reshape),
            Map.entry("Transpose", OpTranslations::transpose),
            Map.entry("Concat", OpTranslations::concat),
            // Split(X, sizes) → Split with explicit sizes (unbind's first half).
            Map.entry("Split", OpTranslations::split),
            Map.entry("Slice", OpTranslations::slice),
            // Squeeze / Unsqueeze with constant axes → Reshape (and Transpose when the batch axis would move).
            Map.entry("Squeeze", OpTranslations::squeeze),
            Map.entry("Unsqueeze", OpTranslations::unsqueeze),
            // Gather(X, constant index) on an activation → Slice, then Squeeze for a scalar index (x[:, 0]).
            Map.entry("Gather", OpTranslations::gather),
            Map.entry("Pad", OpTranslations::pad),
            // Identity, inference Dropout and float-to-float Cast compute nothing: their output is their input.
            Map.entry("Identity", OpTranslations::passThrough),
            Map.entry("Dropout", OpTranslations::passThrough),
            Map.entry("Cast", OpTranslations::cast),
            // Expand of an activation that only broadcasting arithmetic reads (F.normalize's x / expand(norm)),
            // or a ViT class token (ClassTokenLifter); any other Expand is refused.
            Map.entry("Expand", OpTranslations::expand));

    private OpTranslations() {
    }

    static void translate(OnnxNode node, ImportContext cx) {
        if (!node.domain().isEmpty()) {
            throw new Unsupported("operator domain " + node.domain() + " is not supported");
        }
        Translation t = CATALOGUE.get(node.opType());
        if (t == null) {
            throw new Unsupported("op " + node.opType() + " is not supported by the importer");
        }
        t.apply(node, cx);
    }

    // ---- helpers ----

    private static String module(OnnxNode n) {
        return ModulePath.of(n.name());
    }

    private static String input(OnnxNode n, int i) {
        return i < n.inputs().size() ? n.inputs().get(i) : "";
    }

    private static void bindSingle(OnnxNode n, ImportContext cx, String irValue) {
        for (int i = 1; i < n.outputs().size(); i++) {
            String extra = n.outputs().get(i);
            if (!extra.isEmpty() && !cx.consumers(extra).isEmpty()) {
                throw new Unsupported("output " + i + " (" + extra + ") is used, only the first output is supported");
            }
        }
        cx.bind(n.outputs().get(0), irValue);
    }

    /** The op with the node's inputs as data and no attributes. */
    private static void same(OnnxNode n, ImportContext cx, Op op) {
        new NodeAttributes(n);
        if (n.inputs().stream().anyMatch(cx::isIntegerConstant)) {
            throw new Unsupported("shape arithmetic that does not reduce to a constant at import time"
                    + cx.whyNotConstant(n.outputs().get(0)).map(r -> ": " + r).orElse(""));
        }
        List<String> in = n.inputs().stream().map(v -> cx.data(v, module(n), null)).toList();
        bindSingle(n, cx, cx.emit(op, n, null, in, Attributes.empty()));
    }

    private static int[] folded(ImportContext cx, String value, String role) {
        long[] v = cx.requireConstant(value, role).ints();
        if (v == null) {
            throw new Unsupported(role + " must be integers");
        }
        return Arrays.stream(v).mapToInt(x -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, x)))
                .toArray();
    }

    private static float scalar(ImportContext cx, String value, String role) {
        Folded f = cx.requireConstant(value, role);
        if (f.size() != 1) {
            throw new Unsupported(role + " must be a scalar, is " + f);
        }
        return (float) f.number(0);
    }

    // ---- the translations ----

    private static void conv(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        if (!a.stringValue("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new Unsupported("auto_pad " + a.stringValue("auto_pad", "") + " is not supported; use explicit pads");
        }
        List<String> in = new ArrayList<>(List.of(cx.activation(n.inputs().get(0)),
                cx.parameter(n.inputs().get(1), module(n), "weight")));
        if (!input(n, 2).isEmpty()) {
            in.add(cx.parameter(input(n, 2), module(n), "bias"));
        }
        Shape w = cx.builderShape(in.get(1));
        Attributes attrs = Attributes.builder()
                .putInts("kernel_shape", a.ints("kernel_shape").orElse(new int[] {w.dim(2), w.dim(3)}))
                .putInts("strides", a.ints("strides").orElse(new int[] {1, 1}))
                .putInts("pads", a.ints("pads").orElse(new int[] {0, 0, 0, 0}))
                .putInts("dilations", a.ints("dilations").orElse(new int[] {1, 1}))
                .put("group", (int) a.intValue("group", 1))
                .build();
        bindSingle(n, cx, cx.emit(Op.CONV, n, null, in, attrs));
    }

    private static void batchNorm(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "epsilon", "momentum", "training_mode", "spatial");
        a.require("training_mode", 0);
        a.require("spatial", 1);
        String m = module(n);
        List<String> in = List.of(cx.activation(n.inputs().get(0)), cx.parameter(n.inputs().get(1), m, "weight"),
                cx.parameter(n.inputs().get(2), m, "bias"), cx.parameter(n.inputs().get(3), m, "running_mean"),
                cx.parameter(n.inputs().get(4), m, "running_var"));
        Attributes attrs = Attributes.builder().put("epsilon", a.floatValue("epsilon", 1e-5f)).build();
        bindSingle(n, cx, cx.emit(Op.BATCH_NORMALIZATION, n, null, in, attrs));
    }

    private static void gemm(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "alpha", "beta", "transA", "transB");
        a.requireFloat("alpha", 1f);
        a.requireFloat("beta", 1f);
        a.require("transA", 0);
        String m = module(n);
        String weight;
        if (a.intValue("transB", 0) == 1) {
            weight = cx.parameter(n.inputs().get(1), m, "weight");
        } else {
            Folded w = cx.requireConstant(n.inputs().get(1), "weight");
            weight = cx.derivedParameter(m.isEmpty() ? n.inputs().get(1) : m + ".weight", Lifters.transposed(w));
        }
        List<String> in = new ArrayList<>(List.of(cx.activation(n.inputs().get(0)), weight));
        if (!input(n, 2).isEmpty()) {
            String bias = cx.parameter(input(n, 2), m, "bias");
            if (cx.builderShape(bias).rank() != 1) {
                throw new Unsupported("bias " + input(n, 2) + " must be a vector, is " + cx.builderShape(bias));
            }
            in.add(bias);
        }
        bindSingle(n, cx, cx.emit(Op.GEMM, n, null, in, Attributes.builder().put("transB", 1).build()));
    }

    /**
     * Einsum "P ik, P kj -> P ij" or "P ik, P jk -> P ij" (P the same batch letters in all three): a MatMul,
     * the second operand's last two axes swapped first in the second form (q·kᵀ). Any other equation is refused.
     */
    private static void einsum(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "equation");
        String eq = a.stringValue("equation", "").replace(" ", "");
        String[] io = eq.split("->", -1);
        String[] operands = io[0].split(",", -1);
        Unsupported refused = new Unsupported("Einsum \"" + eq + "\" is not a batched matrix product");
        if (io.length != 2 || operands.length != 2 || n.inputs().size() != 2 || eq.contains(".")) {
            throw refused;
        }
        String x = operands[0];
        String w = operands[1];
        String out = io[1];
        int r = x.length();
        if (r < 2 || w.length() != r || out.length() != r || !w.startsWith(x.substring(0, r - 2))
                || !out.startsWith(x.substring(0, r - 2))
                || eq.replaceAll("[,>-]", "").chars().distinct().count() != r + 1) {
            throw refused;
        }
        char i = x.charAt(r - 2);
        char k = x.charAt(r - 1);
        char j = out.charAt(r - 1);
        boolean transposed;
        if (out.charAt(r - 2) != i) {
            throw refused;
        } else if (w.charAt(r - 2) == k && w.charAt(r - 1) == j) {
            transposed = false;
        } else if (w.charAt(r - 2) == j && w.charAt(r - 1) == k) {
            transposed = true;
        } else {
            throw refused;
        }
        String left = cx.data(n.inputs().get(0), module(n), null);
        String right = cx.data(n.inputs().get(1), module(n), null);
        if (transposed) {
            int[] perm = IntStream.range(0, r).toArray();
            perm[r - 2] = r - 1;
            perm[r - 1] = r - 2;
            right = cx.emit(Op.TRANSPOSE, n, ModulePath.leaf(n.name()) + "_transpose", List.of(right),
                    Attributes.builder().putInts("perm", perm).build());
        }
        bindSingle(n, cx, cx.emit(Op.MAT_MUL, n, null, List.of(left, right), Attributes.empty()));
    }

    private static void layerNorm(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis", "epsilon", "stash_type");
        String x = cx.activation(n.inputs().get(0));
        int rank = cx.builderShape(x).rank();
        long axis = a.intValue("axis", -1);
        if (axis != -1 && axis != rank - 1) {
            throw new Unsupported("normalization over axis " + axis + " of rank " + rank + "; only the last axis is supported");
        }
        String m = module(n);
        List<String> in = new ArrayList<>(List.of(x, cx.parameter(n.inputs().get(1), m, "weight")));
        if (!input(n, 2).isEmpty()) {
            in.add(cx.parameter(input(n, 2), m, "bias"));
        }
        Attributes attrs = Attributes.builder().put("axis", -1).put("epsilon", a.floatValue("epsilon", 1e-5f)).build();
        bindSingle(n, cx, cx.emit(Op.LAYER_NORMALIZATION, n, null, in, attrs));
    }

    private static void clip(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "min", "max");
        Attributes.Builder attrs = Attributes.builder();
        if (!input(n, 1).isEmpty()) {
            attrs.put("min", scalar(cx, input(n, 1), "min"));
        } else if (a.has("min")) {
            attrs.put("min", a.floatValue("min", 0));
        }
        if (!input(n, 2).isEmpty()) {
            attrs.put("max", scalar(cx, input(n, 2), "max"));
        } else if (a.has("max")) {
            attrs.put("max", a.floatValue("max", 0));
        }
        bindSingle(n, cx, cx.emit(Op.CLIP, n, null, List.of(cx.activation(n.inputs().get(0))), attrs.build()));
    }

    private static void softmax(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis");
        Attributes attrs = Attributes.builder().put("axis", (int) a.intValue("axis", -1)).build();
        bindSingle(n, cx, cx.emit(Op.SOFTMAX, n, null, List.of(cx.activation(n.inputs().get(0))), attrs));
    }

    private static void hardSigmoid(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "alpha", "beta");
        Attributes attrs = Attributes.builder().put("alpha", a.floatValue("alpha", 0.2f))
                .put("beta", a.floatValue("beta", 0.5f)).build();
        bindSingle(n, cx, cx.emit(Op.HARD_SIGMOID, n, null, List.of(cx.activation(n.inputs().get(0))), attrs));
    }

    private static void pool(OnnxNode n, ImportContext cx, Op op) {
        NodeAttributes a = new NodeAttributes(n, "kernel_shape", "strides", "pads", "ceil_mode", "dilations",
                "storage_order", "auto_pad", "count_include_pad");
        a.require("storage_order", 0);
        if (a.ints("dilations").map(d -> Arrays.stream(d).anyMatch(v -> v != 1)).orElse(false)) {
            throw new Unsupported("dilated pooling is not supported");
        }
        if (!a.stringValue("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new Unsupported("auto_pad is not supported; use explicit pads");
        }
        int[] kernel = a.ints("kernel_shape").orElseThrow(() -> new Unsupported("kernel_shape is required"));
        if (kernel.length != 2) {
            throw new Unsupported("only 2-D pooling is supported, kernel_shape is " + Arrays.toString(kernel));
        }
        Attributes.Builder attrs = Attributes.builder()
                .putInts("kernel_shape", kernel)
                .putInts("strides", a.ints("strides").orElse(new int[] {1, 1}))
                .putInts("pads", a.ints("pads").orElse(new int[] {0, 0, 0, 0}));
        if (a.intValue("ceil_mode", 0) != 0) {
            attrs.put("ceil_mode", 1);
        }
        if (op == Op.AVERAGE_POOL) {
            attrs.put("count_include_pad", (int) a.intValue("count_include_pad", 0));
        } else {
            a.require("count_include_pad", 0);
        }
        bindSingle(n, cx, cx.emit(op, n, null, List.of(cx.activation(n.inputs().get(0))), attrs.build()));
    }

    private static void reduce(OnnxNode n, ImportContext cx, Op op) {
        NodeAttributes a = new NodeAttributes(n, "axes", "keepdims", "noop_with_empty_axes");
        int[] axes = !input(n, 1).isEmpty() ? folded(cx, input(n, 1), "axes")
                : a.ints("axes").orElseThrow(() -> new Unsupported("reducing over all axes is not supported"));
        Attributes attrs = Attributes.builder().putInts("axes", axes).put("keepdims", (int) a.intValue("keepdims", 1))
                .build();
        bindSingle(n, cx, cx.emit(op, n, null, List.of(cx.activation(n.inputs().get(0))), attrs));
    }

    private static void flatten(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis");
        Attributes attrs = Attributes.builder().put("axis", (int) a.intValue("axis", 1)).build();
        bindSingle(n, cx, cx.emit(Op.FLATTEN, n, null, List.of(cx.activation(n.inputs().get(0))), attrs));
    }

    private static void reshape(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "allowzero");
        a.require("allowzero", 0);
        String x = cx.activation(n.inputs().get(0));
        long[] target = cx.requireConstant(n.inputs().get(1), "shape").ints();
        Reshapes.Target t = Reshapes.target(cx.builderShape(x), cx.batchFactor(x), target);
        String y = cx.emit(Op.RESHAPE, n, null, List.of(x), Attributes.builder().putInts("shape", t.shape()).build());
        cx.setBatchFactor(y, Math.max(1, t.batchFactor()));
        bindSingle(n, cx, y);
    }

    private static void transpose(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "perm");
        String x = cx.activation(n.inputs().get(0));
        int rank = cx.builderShape(x).rank();
        int[] perm = a.ints("perm").orElse(IntStream.range(0, rank).map(i -> rank - 1 - i).toArray());
        bindSingle(n, cx, cx.emit(Op.TRANSPOSE, n, null, List.of(x), Attributes.builder().putInts("perm", perm).build()));
    }

    private static void concat(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis");
        List<String> in = n.inputs().stream().map(v -> cx.data(v, module(n), null)).toList();
        Attributes attrs = Attributes.builder().put("axis", (int) a.intValue("axis", 0)).build();
        bindSingle(n, cx, cx.emit(Op.CONCAT, n, null, in, attrs));
    }

    private static void split(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis", "split", "num_outputs");
        String x = cx.activation(n.inputs().get(0));
        Shape s = cx.builderShape(x);
        int axis = s.normalizeAxis((int) a.intValue("axis", 0));
        int outputs = n.outputs().size();
        int[] sizes;
        if (!input(n, 1).isEmpty()) {
            sizes = folded(cx, input(n, 1), "split");
        } else if (a.has("split")) {
            sizes = a.ints("split").orElseThrow();
        } else {
            if (s.dim(axis) == Shape.DYNAMIC || s.dim(axis) % outputs != 0) {
                throw new Unsupported("axis " + axis + " of " + s + " does not split evenly into " + outputs);
            }
            sizes = new int[outputs];
            Arrays.fill(sizes, s.dim(axis) / outputs);
        }
        Attributes attrs = Attributes.builder().put("axis", axis).putInts("split", sizes).build();
        List<String> outs = cx.emit(Op.SPLIT, n, null, List.of(x), attrs, outputs);
        for (int i = 0; i < outputs; i++) {
            cx.bind(n.outputs().get(i), outs.get(i));
        }
    }

    private static void slice(OnnxNode n, ImportContext cx) {
        new NodeAttributes(n);
        Attributes.Builder attrs = Attributes.builder()
                .putInts("starts", folded(cx, n.inputs().get(1), "starts"))
                .putInts("ends", folded(cx, n.inputs().get(2), "ends"));
        if (!input(n, 3).isEmpty()) {
            attrs.putInts("axes", folded(cx, input(n, 3), "axes"));
        }
        if (!input(n, 4).isEmpty()) {
            attrs.putInts("steps", folded(cx, input(n, 4), "steps"));
        }
        bindSingle(n, cx, cx.emit(Op.SLICE, n, null, List.of(cx.activation(n.inputs().get(0))), attrs.build()));
    }

    private static int[] axes(OnnxNode n, ImportContext cx, NodeAttributes a) {
        if (!input(n, 1).isEmpty()) {
            return folded(cx, input(n, 1), "axes");
        }
        return a.ints("axes").orElse(null);
    }

    private static void squeeze(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axes");
        String x = cx.activation(n.inputs().get(0));
        int[] axes = axes(n, cx, a);
        if (axes == null) {
            Shape s = cx.builderShape(x);
            axes = IntStream.range(0, s.rank()).filter(i -> s.dim(i) == 1).toArray();
        }
        bindSingle(n, cx, Reshapes.squeeze(cx, n, x, axes));
    }

    private static void unsqueeze(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axes");
        int[] axes = axes(n, cx, a);
        if (axes == null) {
            throw new Unsupported("axes are required");
        }
        bindSingle(n, cx, Reshapes.unsqueeze(cx, n, cx.activation(n.inputs().get(0)), axes));
    }

    private static void gather(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "axis");
        String x = cx.activation(n.inputs().get(0));
        Shape s = cx.builderShape(x);
        int axis = s.normalizeAxis((int) a.intValue("axis", 0));
        Folded indices = cx.requireConstant(n.inputs().get(1), "indices");
        long[] idx = indices.ints();
        if (indices.rank() > 1 || idx.length == 0) {
            throw new Unsupported("only a scalar or a vector of indices is supported");
        }
        int size = s.dim(axis);
        if (size == Shape.DYNAMIC) {
            throw new Unsupported("cannot gather along the dynamic batch axis");
        }
        int first = (int) (idx[0] < 0 ? idx[0] + size : idx[0]);
        for (int i = 1; i < idx.length; i++) {
            if ((idx[i] < 0 ? idx[i] + size : idx[i]) != first + i) {
                throw new Unsupported("indices " + Arrays.toString(idx) + " are not a contiguous range");
            }
        }
        Attributes range = Attributes.builder().putInts("starts", first).putInts("ends", first + idx.length)
                .putInts("axes", axis).build();
        String y = cx.emit(Op.SLICE, n, null, List.of(x), range);
        bindSingle(n, cx, indices.rank() == 0 ? Reshapes.squeeze(cx, n, y, new int[] {axis}) : y);
    }

    private static void pad(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "mode");
        String mode = a.stringValue("mode", "constant");
        if (!mode.equals("constant")) {
            throw new Unsupported("pad mode " + mode + " is not supported, only constant");
        }
        if (!input(n, 3).isEmpty()) {
            throw new Unsupported("padding selected axes (the axes input) is not supported");
        }
        Attributes.Builder attrs = Attributes.builder().put("mode", "constant")
                .putInts("pads", folded(cx, n.inputs().get(1), "pads"));
        if (!input(n, 2).isEmpty()) {
            float value = scalar(cx, input(n, 2), "constant_value");
            if (value != 0) {
                attrs.put("value", value);
            }
        }
        bindSingle(n, cx, cx.emit(Op.PAD, n, null, List.of(cx.activation(n.inputs().get(0))), attrs.build()));
    }

    /**
     * Expand(y, shape) read only by Add/Sub/Mul/Div whose other operand already has the expanded shape: the
     * arithmetic broadcasts y to the same values, so the output stands for y (F.normalize's
     * {@code x / expand(max(‖x‖, ε))}, Swin V2).
     */
    private static void expand(OnnxNode n, ImportContext cx) {
        new NodeAttributes(n);
        String y = cx.activation(n.inputs().get(0));
        long[] target = cx.requireConstant(n.inputs().get(1), "shape").ints();
        String out = n.outputs().get(0);
        List<OnnxNode> readers = cx.consumers(out);
        boolean broadcastOnly = !readers.isEmpty();
        for (OnnxNode r : readers) {
            boolean arithmetic = r.domain().isEmpty() && List.of("Add", "Sub", "Mul", "Div").contains(r.opType())
                    && r.inputs().size() == 2 && !r.inputs().get(0).equals(r.inputs().get(1));
            String other = arithmetic ? r.inputs().get(r.inputs().get(0).equals(out) ? 1 : 0) : "";
            broadcastOnly &= arithmetic && cx.isActivation(other)
                    && coversBroadcast(cx.shape(other), cx.batchFactor(cx.activation(other)), cx.builderShape(y), target);
        }
        if (!broadcastOnly) {
            throw new Unsupported("Expand is supported only as a ViT class token (expanded over the batch and "
                    + "concatenated with the patch tokens) or when only arithmetic reads it whose other operand "
                    + "already has the expanded shape");
        }
        bindSingle(n, cx, y);
    }

    /**
     * True when {@code full} (its dynamic dimension N·{@code factor}) is what broadcasting {@code y} against
     * {@code target} gives.
     */
    private static boolean coversBroadcast(Shape full, long factor, Shape y, long[] target) {
        int rank = full.rank();
        if (rank < y.rank() || rank < target.length) {
            return false;
        }
        for (int i = 0; i < rank; i++) {
            int f = full.dim(i);
            int yi = i - (rank - y.rank());
            int ti = i - (rank - target.length);
            int yd = yi < 0 ? 1 : y.dim(yi);
            long td = ti < 0 ? 1 : target[ti];
            boolean tOk = td == 1 || (f == Shape.DYNAMIC ? Folded.isBatch(td) && Folded.factor(td) == factor : td == f);
            boolean yOk = yd == 1 || yd == f;
            if (!tOk || !yOk) {
                return false;
            }
        }
        return true;
    }

    private static void passThrough(OnnxNode n, ImportContext cx) {
        new NodeAttributes(n, "ratio", "seed");
        boolean training = !input(n, 2).isEmpty() && cx.requireConstant(input(n, 2), "training_mode").number(0) != 0;
        // torch exports some functional dropouts with training = true even in eval mode; at ratio 0 they copy.
        boolean zeroRatio = !input(n, 1).isEmpty() && cx.requireConstant(input(n, 1), "ratio").number(0) == 0;
        if (training && !zeroRatio) {
            throw new Unsupported("dropout in training mode is not supported");
        }
        bindSingle(n, cx, cx.activation(n.inputs().get(0)));
    }

    private static void cast(OnnxNode n, ImportContext cx) {
        NodeAttributes a = new NodeAttributes(n, "to", "saturate");
        if (a.intValue("to", 0) != OnnxTensor.DataType.FLOAT.code()) {
            throw new Unsupported("casting an activation to element type " + a.intValue("to", 0)
                    + " is not supported; activations are float");
        }
        bindSingle(n, cx, cx.activation(n.inputs().get(0)));
    }
}
