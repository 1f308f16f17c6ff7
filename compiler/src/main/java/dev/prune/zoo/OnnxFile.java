package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import dev.prune.onnx.OnnxImportException;
import dev.prune.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code onnx("model.onnx")} as an architecture: the graph a classification model's ONNX file holds (any
 * model the importer reads, e.g. a torchvision EfficientNet), with the file's weights. The declared input and
 * classes must be the file's. Imports are cached per file, since the checker and the runtime both ask.
 */
final class OnnxFile implements ModelFamily {

    private static final Map<String, Graph> CACHE = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("path");
    }

    @Override
    public Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init) {
        String path = args.string("path");
        Graph graph;
        try {
            graph = CACHE.computeIfAbsent(path, p -> OnnxImporter.read(Path.of(p)));
        } catch (OnnxImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Shape in = graph.inputs().get(0).shape();
        Shape expected = Shape.of(Shape.DYNAMIC, input.channels(), input.height(), input.width());
        if (!in.equals(expected) && !in.equals(Shape.of(1, input.channels(), input.height(), input.width()))) {
            throw new IllegalArgumentException(path + " takes input " + in + ", the model section declares "
                    + expected);
        }
        Shape out = graph.shape(graph.outputNames().get(0));
        if (out.rank() != 2 || out.dim(1) != classes) {
            throw new IllegalArgumentException(path + " gives output " + out + ", not " + classes + " classes");
        }
        return graph;
    }
}
