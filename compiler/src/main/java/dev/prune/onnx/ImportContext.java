package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one import, shared by the op translations and the pattern lifters: the ONNX graph with its
 * producer and consumer maps, the {@link GraphBuilder} being filled, which ONNX value each IR value stands
 * for, the constants ({@link ConstantFolder}), and the ONNX nodes already taken by a lifted pattern.
 *
 * <p>Parameters are registered on first use, under their state-dict names: an initializer keeps a name that
 * is one ({@code layer1.0.conv1.weight}); one torch renamed while folding ({@code onnx::Conv_539}) is named
 * after the module of the node that reads it and its role there ({@code features.1.conv.0.0.weight}); any
 * other constant becomes a {@link Parameter.Kind#CONSTANT} named after the node that made it.
 */
final class ImportContext {

    private final GraphBuilder builder;
    private final Map<String, Long> batchFactors = new HashMap<>();
    private final Map<String, OnnxTensor> initializers;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();
    private final Set<String> graphOutputs;
    private final Map<String, String> bound = new HashMap<>();
    private final Map<String, String> parameters = new HashMap<>();
    private final Set<OnnxNode> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ConstantFolder folder;

    ImportContext(OnnxGraph onnx, GraphBuilder builder) {
        this.builder = builder;
        this.initializers = onnx.initializerMap();
        for (OnnxNode n : onnx.nodes()) {
            n.outputs().stream().filter(o -> !o.isEmpty()).forEach(o -> producers.put(o, n));
            n.inputs().stream().filter(i -> !i.isEmpty())
                    .forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        this.graphOutputs = Set.copyOf(onnx.outputs().stream().map(OnnxValueInfo::name).toList());
        this.folder = new ConstantFolder(initializers, producers,
                v -> bound.containsKey(v) ? Optional.of(builder.shape(bound.get(v))) : Optional.empty(),
                v -> batchFactor(activation(v)));
    }

    boolean isInitializer(String value) {
        return initializers.containsKey(value);
    }

    // ---- activations ----

    boolean isActivation(String value) {
        return bound.containsKey(value);
    }

    /** The IR value an ONNX activation stands for. */
    String activation(String value) {
        String ir = bound.get(value);
        if (ir == null) {
            throw new Unsupported("input " + value + " is not an activation computed earlier in the graph");
        }
        return ir;
    }

    Shape shape(String value) {
        return builder.shape(activation(value));
    }

    /** The shape of an IR value made so far. */
    Shape builderShape(String irValue) {
        return builder.shape(irValue);
    }

    void bind(String onnxValue, String irValue) {
        bound.put(onnxValue, irValue);
    }

    /**
     * k where the dynamic dimension of an IR value is N·k (multi-head attention folds the heads into the
     * batch: [T, N·heads, d]); 1 for values that carry the batch itself. Set by reshapes, inherited from the
     * first input otherwise.
     */
    long batchFactor(String irValue) {
        return batchFactors.getOrDefault(irValue, 1L);
    }

    void setBatchFactor(String irValue, long factor) {
        if (factor == 1) {
            batchFactors.remove(irValue);
        } else {
            batchFactors.put(irValue, factor);
        }
    }

    // ---- constants and parameters ----

    Optional<Folded> constant(String value) {
        return isActivation(value) ? Optional.empty() : folder.fold(value);
    }

    /** Why {@code value} is not a constant, when folding it was tried and failed. */
    Optional<String> whyNotConstant(String value) {
        return folder.reason(value);
    }

    /** True when {@code value} is a constant of integers (a shape, axes, indices). */
    boolean isIntegerConstant(String value) {
        return !isActivation(value) && folder.fold(value).map(f -> !f.isFloat()).orElse(false);
    }

    /** A constant the op needs as an attribute; {@link Unsupported} saying why when it is not one. */
    Folded requireConstant(String value, String role) {
        if (isActivation(value)) {
            throw new Unsupported(role + " (" + value + ") is computed at run time; it must be a constant");
        }
        try {
            return folder.require(value, role);
        } catch (ConstantFolder.Unfoldable e) {
            throw new Unsupported(e.getMessage());
        }
    }

    /** An input read as data: an activation, or a constant made a parameter (see the class comment). */
    String data(String value, String module, String role) {
        return isActivation(value) ? activation(value) : parameter(value, module, role);
    }

    /** The parameter holding the constant {@code value}, registered under its state-dict name on first use. */
    String parameter(String value, String module, String role) {
        String existing = parameters.get(value);
        if (existing != null) {
            return existing;
        }
        Folded f = requireConstant(value, role == null ? "operand" : role);
        if (!f.isFloat()) {
            throw new Unsupported("integer tensor " + value + " is used as data; only float data is supported");
        }
        String name;
        Parameter.Kind kind;
        if (isInitializer(value) && ModulePath.isStateDictName(value) && !builder.hasParameter(value)) {
            name = value;
            kind = kindOf(value);
        } else if (role != null && !module.isEmpty() && !builder.hasParameter(module + "." + role)) {
            name = module + "." + role;
            kind = kindOf(name);
        } else {
            name = builder.unique(constantName(value));
            kind = Parameter.Kind.CONSTANT;
        }
        builder.parameter(name, f.toTensor(), kind);
        parameters.put(value, name);
        return name;
    }

    /** A trainable parameter computed by a lifter (a Linear weight transposed back to [out, in]). */
    String derivedParameter(String name, Tensor value) {
        String unique = builder.hasParameter(name) ? builder.unique(name) : name;
        builder.parameter(unique, value, Parameter.Kind.TRAINABLE);
        return unique;
    }

    /** A graph-internal constant (LayerNorm's unit scale when the export had none). */
    String constantParameter(String baseName, Tensor value) {
        return builder.constant(builder.unique(baseName), value);
    }

    private static Parameter.Kind kindOf(String stateDictName) {
        return stateDictName.endsWith(".running_mean") || stateDictName.endsWith(".running_var")
                ? Parameter.Kind.BUFFER : Parameter.Kind.TRAINABLE;
    }

    private String constantName(String value) {
        OnnxNode p = producers.get(value);
        return p == null ? value : ModulePath.irName(p.name(), p.opType());
    }

    // ---- graph structure ----

    Optional<OnnxNode> producer(String value) {
        return Optional.ofNullable(producers.get(value));
    }

    List<OnnxNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** The one node reading {@code value}, if it is of {@code opType} and the value is not a graph output. */
    Optional<OnnxNode> soleConsumer(String value, String opType) {
        List<OnnxNode> c = consumers(value);
        if (c.size() != 1 || graphOutputs.contains(value) || !c.get(0).opType().equals(opType)
                || !c.get(0).domain().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(c.get(0));
    }

    /** Marks nodes as imported by a lifted pattern, so that the main loop skips them. */
    void consume(List<OnnxNode> nodes) {
        consumed.addAll(nodes);
    }

    boolean isConsumed(OnnxNode node) {
        return consumed.contains(node);
    }

    // ---- emitting IR ----

    /** Adds an IR node named after {@code origin} ({@code <module>/<leaf>}) and returns its output. */
    String emit(Op op, OnnxNode origin, String leaf, List<String> inputs, Attributes attributes) {
        String out = builder.node(op, irName(origin, leaf), inputs, attributes);
        inheritBatchFactor(inputs, List.of(out));
        return out;
    }

    List<String> emit(Op op, OnnxNode origin, String leaf, List<String> inputs, Attributes attributes, int outputs) {
        List<String> outs = builder.node(op, irName(origin, leaf), inputs, attributes, outputs);
        inheritBatchFactor(inputs, outs);
        return outs;
    }

    private void inheritBatchFactor(List<String> inputs, List<String> outputs) {
        inputs.stream().filter(batchFactors::containsKey).findFirst()
                .ifPresent(in -> outputs.forEach(o -> batchFactors.put(o, batchFactors.get(in))));
    }

    private static String irName(OnnxNode origin, String leaf) {
        String module = ModulePath.of(origin.name());
        String base = leaf != null ? leaf : origin.name().isEmpty() ? origin.opType() : ModulePath.leaf(origin.name());
        return module.isEmpty() ? base : module + "/" + base;
    }
}
