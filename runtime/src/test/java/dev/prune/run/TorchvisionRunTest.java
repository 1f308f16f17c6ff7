package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.onnx.OnnxImporter;
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
 * searches one block among those whose merge pays, prunes it, merges, exports and passes the verification
 * chain, and the merged model has fewer MACs than the import. EfficientNet-B0's paying blocks are
 * squeeze-and-excitation MBConv blocks (std.updp removes their gates progressively; their 3×3 depthwise
 * conv's padding moves to the block entry, so expand, depthwise and project compose into one 3×3 conv).
 * The export needs Debian's {@code /usr/bin/python3} with torch and torchvision: without them the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
class TorchvisionRunTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "scripts", "torchvision_models.py").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // EfficientNet-B0: features.2.1, 4.1 and 4.2 (3×3 depthwise, expansion 6) each merge into one dense 3×3 conv
        // at 0.6-0.7× their MACs; its 5×5 blocks would cost more than the 1.5× bound and are left out.
        "efficientnet_b0; \"features.*.*\"; true",
        // MobileNetV3-Small: only features.3 (24 → 88 → 24, 3×3, no gate) pays, in layers (3 → 1) at 1.03× its
        // MACs; its gated blocks have 5×5 depthwise convs whose dense merge would cost over 1.5×.
        "mobilenet_v3_small; \"features.*\"; false"})
    void aTorchvisionModelIsPrunedEndToEnd(String model, String blocks, boolean fewerMacs) throws Exception {
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
                    prune 1
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
        Cost imported = CostModel.of(OnnxImporter.read(onnx));
        Cost merged = CostModel.of(OnnxImporter.read(out));
        System.out.println(model + ": pruned " + summary.get("pruned_blocks") + "; MACs " + summary.get("macs_baseline")
                + " → " + summary.get("macs_merged") + "; layers " + imported.layers() + " → " + merged.layers()
                + "; verify " + verify);
        assertEquals(imported.macs(), ((Number) summary.get("macs_baseline")).longValue(), "the baseline is the import");
        assertEquals(merged.macs(), ((Number) summary.get("macs_merged")).longValue(), "the export is the merged model");
        assertTrue(merged.layers() < imported.layers(), "layers " + imported.layers() + " → " + merged.layers());
        if (fewerMacs) {
            assertTrue(merged.macs() < imported.macs(), "MACs " + imported.macs() + " → " + merged.macs());
        }
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
