package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Torchvision's own EfficientNet-B0 and MobileNetV3-Small (random weights, 10 classes, 32×32), exported by
 * {@code torch.onnx.export} at opset 17 and declared as {@code model onnx("…")}: a tiny {@code prune run}
 * prunes their squeeze-and-excitation blocks (std.updp removes the gates progressively), merges, exports and
 * passes the verification chain. The export needs Debian's {@code /usr/bin/python3} with torch and
 * torchvision: without them the test is skipped, except under {@code CI=true}, where it fails.
 */
class TorchvisionRunTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "scripts", "torchvision_models.py").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "efficientnet_b0; \"features.2.1\", \"features.4.1\"",
        "mobilenet_v3_small; \"features.5\", \"features.3\""})
    void aTorchvisionModelIsPrunedEndToEnd(String model, String blocks) throws Exception {
        Path onnx = export(model);
        Path images = ImportedModelRunTest.imageFolder(dir.resolve("images"));
        Path out = dir.resolve("pruned.onnx");
        Files.writeString(dir.resolve("tv.prune"), """
                prune 1
                import std.updp

                recipe tv {
                  seed 1
                  model onnx("%s") {
                    input [3, 32, 32]
                    classes 10
                    weights onnx("%s")
                  }
                  data image_folder("%s") {
                    batch 32
                    val 20%%
                  }
                  space {
                    blocks %s
                    prune 2
                    transform updp.block
                  }
                  search exhaustive
                  train subnet {
                    epochs 1
                    progressive linear(until: 0.5 epochs)
                  }
                  merge updp.merge
                  export onnx("%s") {
                    bench batch [1]
                    runs 3
                  }
                }
                """.formatted(onnx, onnx, images, blocks, out));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        int exit = new Main().run(new String[] {"run", "tv.prune", "--out", "runs"}, new Io(print, print, dir));
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(dir.resolve("runs/tv/summary.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> verify = (Map<String, Object>) summary.get("verify");
        assertEquals(Boolean.TRUE, verify.get("passed"), text);
        OnnxCheck.assertValid(out);
        assertTrue(Files.size(out) < Files.size(onnx), "the merged model is smaller than the import");
    }

    /** {@code <model>_op17.onnx} in the test's folder, or the test skipped (failed under CI) without torch. */
    private Path export(String model) throws IOException, InterruptedException {
        boolean torch = Files.isExecutable(PYTHON)
                && run(List.of(PYTHON.toString(), "-c", "import torch, torchvision, onnx")) == 0;
        if (!torch && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(PYTHON + " cannot import torch, torchvision and onnx, which CI installs");
        }
        assumeTrue(torch, PYTHON + " has no torch/torchvision/onnx (apt-get install python3-torchvision python3-onnx)");
        Path exports = dir.resolve("exports");
        int exit = run(List.of(PYTHON.toString(), SCRIPT.toString(), exports.toString(), "--size", "32", "--classes",
                "10", "--opsets", "17", "--only", model));
        assertEquals(0, exit, SCRIPT + " failed");
        assertEquals("ok", Files.readString(exports.resolve(model + ".status")).strip());
        return exports.resolve(model + "_op17.onnx");
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
}
