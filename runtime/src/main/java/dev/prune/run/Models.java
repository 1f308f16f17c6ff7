package dev.prune.run;

import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.plan.ModelPlan;
import dev.prune.plan.ModelPlan.WeightsSource;
import dev.prune.plan.Plan;
import dev.prune.train.Checkpoint;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
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
        return build(plan, BuildOptions.seeded(plan.seed()), true);
    }

    /** The same architecture without weight data: for costs, which need shapes only. */
    static Graph shapesOnly(Plan plan) throws RunSetupException {
        return build(plan, BuildOptions.shapesOnly(), false);
    }

    private static Graph build(Plan plan, BuildOptions options, boolean weights) throws RunSetupException {
        ModelPlan model = plan.model();
        Graph graph;
        try {
            graph = Zoo.build(model.architecture().name(), model.architecture().args(),
                    ImageShape.of(model.channels(), model.height(), model.width()), model.classes(), options);
        } catch (IllegalArgumentException e) {
            throw new RunSetupException("cannot build the model: " + e.getMessage(), e);
        }
        if (!weights) {
            return graph;
        }
        WeightsSource source = model.weights();
        if (source instanceof WeightsSource.CheckpointDir checkpoint) {
            return fromCheckpoint(graph, Path.of(checkpoint.path()));
        }
        if (source instanceof WeightsSource.OnnxFile onnx) {
            return fromOnnx(graph, Path.of(onnx.path()));
        }
        return graph;
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

}
