package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/models.md}'s checks on a representative subset of torchvision 0.14's classification models, at
 * 32×32 with 10 classes: ceil-mode pooling and Concat (SqueezeNet, GoogLeNet), AveragePool (DenseNet),
 * Sigmoid gates (RegNetY), HardSwish and HardSigmoid gates (MobileNetV3); and at 64×64 (the smallest size at
 * which the first stage's shifted windows need their attention mask) Swin and Swin V2, whose masks, relative
 * position tables and cosine attention fold or import at import time. Each must import at opsets 13 and 17
 * with outputs within 1e-4 of PyTorch's, and at opset 17, with every prunable block transformed, λ = 0 must
 * equal the import and the merge the λ = 1 subnet (ONNX Runtime). The exports need Debian's
 * {@code /usr/bin/python3} with torch and torchvision; without them the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class ModelCoverageTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "scripts", "torchvision_models.py");
    private static final List<String> MODELS = List.of("squeezenet1_1", "googlenet", "densenet121", "regnet_y_400mf",
            "mobilenet_v3_small");

    /** The transformers at 64×64; MaxViT needs 224×224 and is covered by EinsumImportTest and the table. */
    private static final List<String> WINDOWED = List.of("swin_t", "swin_v2_t");

    @TempDir
    static Path dir;

    @TempDir
    static Path windowedDir;

    private static boolean exported;

    @BeforeAll
    static void export() throws IOException, InterruptedException {
        boolean torch = Files.isExecutable(PYTHON)
                && run(List.of(PYTHON.toString(), "-c", "import torch, torchvision, onnx")) == 0;
        if (!torch && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(PYTHON + " cannot import torch, torchvision and onnx, which CI installs");
        }
        if (torch) {
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), dir.toString(),
                    "--size", "32", "--classes", "10", "--only"));
            command.addAll(MODELS);
            assertEquals(0, run(command), SCRIPT + " failed");
            List<String> windowed = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(),
                    windowedDir.toString(), "--size", "64", "--classes", "10", "--only"));
            windowed.addAll(WINDOWED);
            assertEquals(0, run(windowed), SCRIPT + " failed");
            exported = true;
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " timed out");
        }
        return p.exitValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet1_1", "googlenet", "densenet121", "regnet_y_400mf", "mobilenet_v3_small"})
    void importsMatchesPyTorchAndKeepsTheChain(String model) throws IOException {
        assumeTrue(exported, PYTHON + " has no torch/torchvision/onnx: coverage test skipped");
        ModelCoverage.Result op17 = checkBoth(dir, model);
        if (!model.startsWith("squeezenet") && !model.startsWith("googlenet") && !model.startsWith("densenet")) {
            assertTrue(op17.prunable() > 0, "residual blocks found: " + op17.line());
            assertTrue(op17.lambdaZeroError() <= ModelCoverage.LAMBDA_ZERO_TOLERANCE, op17.line());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"swin_t", "swin_v2_t"})
    void windowedTransformersImportWithTheirMasksAndKeepTheChain(String model) throws IOException {
        assumeTrue(exported, PYTHON + " has no torch/torchvision/onnx: coverage test skipped");
        ModelCoverage.Result op17 = checkBoth(windowedDir, model);
        assertTrue(op17.prunable() > 0, "attention and MLP blocks found: " + op17.line());
        assertTrue(op17.lambdaZeroError() <= ModelCoverage.LAMBDA_ZERO_TOLERANCE, op17.line());
    }

    /** Opset 13 (import and outputs) and 17 (and the chain): both must import, match and hold. */
    private static ModelCoverage.Result checkBoth(Path folder, String model) throws IOException {
        assertEquals("ok", Files.readString(folder.resolve(model + ".status")).strip());
        ModelCoverage.Result op13 = ModelCoverage.check(folder, model, 13, false);
        ModelCoverage.Result op17 = ModelCoverage.check(folder, model, 17, true);
        System.out.println(op13.line());
        System.out.println(op17.line());
        for (ModelCoverage.Result r : List.of(op13, op17)) {
            assertTrue(r.importsAndMatches(), r.line());
            assertEquals("", r.failure(), r.line());
        }
        assertTrue(op17.chainHolds(), op17.line());
        return op17;
    }
}
