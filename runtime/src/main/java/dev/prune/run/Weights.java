package dev.prune.run;

import dev.prune.engine.GraphModule;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.train.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stage's trained weights: every parameter of its graph, by name, in one checksummed file. */
final class Weights {

    private Weights() {
    }

    static void save(Path file, GraphModule module) throws IOException {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (String name : module.graph().parameters().keySet()) {
            values.put(name, GraphModule.toTensor(module.array(name)));
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        TensorFile.write(temporary, Map.of("graph", module.graph().name()), values);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, Tensor> read(Path file) throws IOException {
        return TensorFile.read(file).tensors();
    }

    /**
     * The graph with the saved values of the parameters it shares with the file. A subnet starts from the
     * supernet's weights this way: it has the baseline's parameters and those its own blocks added.
     */
    static Graph apply(Graph graph, Map<String, Tensor> saved) {
        Map<String, Tensor> shared = new LinkedHashMap<>();
        saved.forEach((name, value) -> {
            if (graph.parameters().containsKey(name)) {
                shared.put(name, value);
            }
        });
        return graph.withParameters(shared);
    }
}
