package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prune.Requires;
import dev.prune.ir.Graph;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-size torchvision models (random weights, 224×224, opset 17, folded) import and have the zoo's blocks.
 * Their files are too large to commit: they are exported here by {@code scripts/make_onnx_fixtures.py --full},
 * which needs Debian's python3-torch and python3-torchvision: installed by {@code .ci/run}, so the test fails under
 * CI without them and is skipped, saying why, elsewhere ({@link Requires}).
 */
class ImportFullSizeTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "scripts", "make_onnx_fixtures.py");

    @TempDir
    static Path dir;

    private static String missing;

    @BeforeAll
    static void export() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import torch, torchvision, onnx")) != 0) {
            missing = PYTHON + " cannot import torch, torchvision and onnx (apt-get install python3-torch "
                    + "python3-torchvision python3-onnx)";
        } else if (!Files.exists(SCRIPT)) {
            missing = SCRIPT.toAbsolutePath() + " not found";
        } else if (run(List.of(PYTHON.toString(), SCRIPT.toString(), "--full", dir.toString())) != 0) {
            throw new IllegalStateException(SCRIPT + " --full failed");
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " timed out");
        }
        return p.exitValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet34", "mobilenet_v2", "convnext_tiny"})
    void importsWithTheZoosBlocks(String model) {
        Requires.tool(missing == null, missing);
        Graph imported = OnnxImporter.read(dir.resolve(model + ".onnx"));
        Graph zoo = Zoo.build(model, Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        List<String> blocks = BlockFinder.find(imported).stream().map(Block::name).toList();
        System.out.println(model + ": " + imported.nodes().size() + " nodes, " + imported.trainableParameterCount()
                + " parameters, " + blocks.size() + " blocks " + blocks);
        assertFalse(blocks.isEmpty());
        assertEquals(BlockFinder.find(zoo).stream().map(Block::name).toList(), blocks);
    }
}
