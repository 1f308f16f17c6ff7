package dev.prune.onnx;

import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.IrException;
import dev.prune.ir.Shape;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports an ONNX model written by {@code torch.onnx.export} (opsets {@value #MIN_OPSET}–{@value #MAX_OPSET})
 * into the graph IR, so that a user's own trained model goes through the same blocks, transform and merge as
 * the zoo's.
 *
 * <p>The pipeline, per node in file order: constants and shape computations fold away
 * ({@link ConstantFolder}: Constant nodes, the Shape/Gather/Unsqueeze/Concat chains of a dynamic batch) into
 * the attributes of the ops that read them; else the first {@link Lifters pattern lifter} that matches turns
 * a decomposed op back into one IR op (LayerNorm, GELU, Linear, a ViT's class token); else the node's
 * {@link OpTranslations translation} maps it. Parameters keep their state-dict names; weights torch renamed
 * while folding BatchNorm into Conv are named after their module ({@link ImportContext}).
 *
 * <p>Every node that cannot be imported is reported with its name, op type and the reason, all at once, in
 * an {@link OnnxImportException}; nodes downstream of a failed one are not reported again.
 */
public final class OnnxImporter {

    public static final long MIN_OPSET = 13;
    public static final long MAX_OPSET = 17;

    private final OnnxModel model;
    private final String source;
    private final GraphBuilder builder;
    private final ImportContext cx;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> broken = new HashSet<>();

    private OnnxImporter(OnnxModel model, String graphName, String source) {
        this.model = model;
        this.source = source;
        this.builder = new GraphBuilder(graphName);
        this.cx = new ImportContext(model.graph(), builder);
    }

    /**
     * Reads and imports an ONNX file; external data files are found relative to it. The graph is named after
     * the file (without {@code .onnx}).
     *
     * @throws OnnxImportException naming every node that cannot be imported, or, for a file that is not a
     *     readable ONNX model, the file and the reader's reason (with the {@link OnnxFormatException} as cause)
     */
    public static Graph read(Path file) {
        OnnxModel model;
        try {
            model = OnnxReader.read(file);
        } catch (OnnxFormatException e) {
            throw new OnnxImportException(file.toString(), "not a readable ONNX model: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new OnnxImportException(file.toString(), e.getCause().toString(), e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return importModel(model, name, file.toString());
    }

    /**
     * Imports a model already in memory.
     *
     * @param source how errors name the model (a file name, or the graph name)
     */
    public static Graph importModel(OnnxModel model, String graphName, String source) {
        return new OnnxImporter(model, graphName, source).run();
    }

    private Graph run() {
        checkOpset();
        inputs();
        for (OnnxNode node : model.graph().nodes()) {
            if (!cx.isConsumed(node)) {
                importNode(node);
            }
        }
        outputs();
        if (!problems.isEmpty()) {
            throw new OnnxImportException(source, problems);
        }
        try {
            return builder.build();
        } catch (IrException e) {
            throw new OnnxImportException(source, e.problems());
        }
    }

    private void checkOpset() {
        long opset = model.defaultOpset();
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new OnnxImportException(source, List.of("opset " + opset + " is not supported (supported: "
                    + MIN_OPSET + " to " + MAX_OPSET + "); export with opset_version=" + MAX_OPSET));
        }
    }

    /** Graph inputs that are not initializers (older exports list both): float, symbolic dimensions dynamic. */
    private void inputs() {
        for (OnnxValueInfo in : model.graph().inputs()) {
            if (cx.isInitializer(in.name())) {
                continue;
            }
            if (in.elementType() != OnnxTensor.DataType.FLOAT) {
                problems.add("graph input " + in.name() + " is " + in.elementType() + "; only float inputs are supported");
                broken.add(in.name());
                continue;
            }
            int[] dims = in.shape().stream()
                    .mapToInt(d -> d.isSymbolic() ? Shape.DYNAMIC : Math.toIntExact(d.value())).toArray();
            cx.bind(in.name(), builder.input(in.name(), Shape.of(dims)));
        }
    }

    private void importNode(OnnxNode node) {
        if (node.inputs().stream().anyMatch(broken::contains)) {
            broken.addAll(node.outputs()); // its cause is reported already
            return;
        }
        if (isConstant(node)) {
            return;
        }
        try {
            for (Lifter lifter : Lifters.CATALOGUE) {
                if (lifter.lift(node, cx)) {
                    return;
                }
            }
            OpTranslations.translate(node, cx);
        } catch (Unsupported | IrException e) {
            problems.add(OnnxImportException.at(node, e.getMessage()));
            broken.addAll(node.outputs());
        }
    }

    /** A node whose outputs are all known at import time computes nothing at run time. */
    private boolean isConstant(OnnxNode node) {
        return !node.outputs().isEmpty()
                && node.outputs().stream().allMatch(o -> o.isEmpty() || cx.constant(o).isPresent());
    }

    private void outputs() {
        for (OnnxValueInfo out : model.graph().outputs()) {
            if (cx.isActivation(out.name())) {
                builder.output(cx.activation(out.name()));
            } else if (!broken.contains(out.name())) {
                problems.add("graph output " + out.name() + " is a constant or never computed");
            }
        }
    }
}
