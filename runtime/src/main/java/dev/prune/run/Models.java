package dev.prune.run;

import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import dev.prune.plan.Plan;
import dev.prune.train.Checkpoint;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import dev.prune.zoo.ZooBlockCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The model a plan starts from: the zoo's architecture, initialised from the seed or given trained weights. */
final class Models {

    private Models() {
    }

    static Graph baseline(Plan plan) throws RunSetupException {
        return build(plan, BuildOptions.seeded(seed(plan)), true);
    }

    /** The same architecture without weight data: for costs, which need shapes only. */
    static Graph shapesOnly(Plan plan) throws RunSetupException {
        return build(plan, BuildOptions.shapesOnly(), false);
    }

    private static Graph build(Plan plan, BuildOptions options, boolean weights) throws RunSetupException {
        Map<String, Resolved> shared = plan.shared();
        Value.Fn architecture = (Value.Fn) shared.get("model").value();
        List<Value> input = ((Value.Lst) shared.get("model.input").value()).items();
        int classes = (int) ((Value.Num) shared.get("model.classes").value()).value();
        Graph graph;
        try {
            graph = Zoo.build(architecture.name(), ZooBlockCatalog.zooArguments(architecture),
                    ImageShape.of(dim(input, 0), dim(input, 1), dim(input, 2)), classes, options);
        } catch (IllegalArgumentException e) {
            throw new RunSetupException("cannot build the model: " + e.getMessage(), e);
        }
        Value.Fn source = (Value.Fn) shared.get("model.weights").value();
        if (!weights || source.name().equals("none")) {
            return graph;
        }
        Path path = Path.of(((Value.Str) source.arg("path")).value());
        return switch (source.name()) {
            case "checkpoint" -> fromCheckpoint(graph, path);
            case "onnx" -> fromOnnx(graph, path);
            default -> throw new IllegalStateException("weights source unknown to the runtime: " + source.name());
        };
    }

    /**
     * A trained model exported to ONNX (by {@code torch.onnx.export}, or by prune): imported as it is, so that
     * its own structure and weights are the baseline. Its blocks must be those of the declared architecture,
     * against which the spec's selectors were checked.
     */
    private static Graph fromOnnx(Graph declared, Path path) throws RunSetupException {
        Graph imported;
        try {
            imported = dev.prune.onnx.OnnxImporter.read(path);
        } catch (dev.prune.onnx.OnnxImportException e) {
            throw new RunSetupException(e.getMessage(), e);
        }
        List<String> expected = dev.prune.rewrite.BlockFinder.find(declared).stream().map(dev.prune.rewrite.Block::name).toList();
        List<String> found = dev.prune.rewrite.BlockFinder.find(imported).stream().map(dev.prune.rewrite.Block::name).toList();
        if (!expected.equals(found)) {
            throw new RunSetupException(path + " is not a " + declared.name() + " of the declared size: its blocks are " + found
                    + ", the model section's are " + expected);
        }
        return imported;
    }

    /** A checkpoint folder of an earlier run's stage ({@code runs/<recipe>/baseline-<hash>/checkpoint}) or its weights file. */
    private static Graph fromCheckpoint(Graph graph, Path written) throws RunSetupException {
        Path path = WeightsLocation.resolve(written);
        try {
            Map<String, Tensor> saved = Files.isDirectory(path) ? Checkpoint.parameters(path) : Weights.read(path);
            for (String name : graph.parameters().keySet()) {
                if (!saved.containsKey(name)) {
                    throw new RunSetupException(path + ": has no parameter " + name + "; it is not a checkpoint of " + graph.name());
                }
            }
            return Weights.apply(graph, saved);
        } catch (IOException | IllegalArgumentException e) {
            throw new RunSetupException(path + ": " + e.getMessage(), e);
        }
    }

    static long seed(Plan plan) {
        return (long) ((Value.Num) plan.shared().get("seed").value()).value();
    }

    private static int dim(List<Value> input, int i) {
        return (int) ((Value.Num) input.get(i)).value();
    }
}
