package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;

import dev.prune.cli.Cli.Result;
import dev.prune.onnx.OnnxExporter;
import dev.prune.verify.OrtSessions;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune bench} on two tiny exported models: output structure and exit codes, never wall time. */
class BenchCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void exportTwoModels() throws IOException {
        ImageShape mnist = ImageShape.of(1, 28, 28);
        for (String name : List.of("deeper", "shallower")) {
            int depth = name.equals("deeper") ? 2 : 1;
            OnnxExporter.write(Zoo.build("resnet", Map.of("depths", List.of(depth, depth), "widths", List.of(8, 16)),
                    mnist, 10, BuildOptions.seeded(1)), dir.resolve(name + ".onnx"));
        }
        Files.writeString(dir.resolve("notes.onnx"), "not a model\n");
    }

    @Test
    void tablePrintsOneRowPerBatchWithTheRatio() {
        Result r = Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--batch", "1,2", "--runs", "3",
                "--warmup", "1");
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("A: ") && lines.get(0).endsWith("deeper.onnx"), lines.get(0));
        assertTrue(lines.get(1).startsWith("B: ") && lines.get(1).endsWith("shallower.onnx"), lines.get(1));
        assertEquals("provider cpu, 1 warm-up + 3 timed runs per model, interleaved", lines.get(2));
        assertTrue(lines.get(3).matches("\\s*batch\\s+A median ms\\s+B median ms\\s+A/B"), lines.get(3));
        assertTrue(lines.get(4).matches("\\s+1\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{2}x"), lines.get(4));
        assertTrue(lines.get(5).matches("\\s+2\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{2}x"), lines.get(5));
    }

    @Test
    void jsonForMachines() {
        Result r = Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--batch", "3", "--runs", "2",
                "--warmup", "0", "--json");
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("{"), r.out());
        for (String key : List.of("\"model_a\": \"", "\"model_b\": \"", "\"provider\": \"cpu\"", "\"warmup\": 0",
                "\"runs\": 2", "\"batch\": 3", "\"median_ms_a\": ", "\"median_ms_b\": ", "\"ratio_a_over_b\": ")) {
            assertTrue(r.out().contains(key), key + " in " + r.out());
        }
        assertFalse(r.out().contains("\"batch\": 1"), "only the batch asked for: " + r.out());
    }

    @Test
    void fileProblemsAreUserErrors() {
        assertUserError(Cli.run(dir, "bench", "nope.onnx", "shallower.onnx"),
                "prune bench: cannot read nope.onnx: no such file\n");
        assertUserError(Cli.run(dir.getParent(), "bench", dir.getFileName().toString(), "shallower.onnx"),
                "it is a directory");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "notes.onnx", "--runs", "1"),
                "prune bench: cannot load notes.onnx: not an ONNX model this ONNX Runtime can load (");
    }

    @Test
    void usageProblemsAreUserErrors() {
        assertUserError(Cli.run(dir, "bench", "deeper.onnx"), "bench needs two ONNX files, A and B (got 1)");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--batch", "1,x"),
                "--batch takes batch sizes ≥ 1 separated by commas, e.g. 1,32; got '1,x'");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--batch", "0"), "--batch takes");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--runs", "0"),
                "--runs takes a whole number ≥ 1; got '0'");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--warmup", "-1"),
                "--warmup takes a whole number ≥ 0; got '-1'");
        assertUserError(Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--provider", "tpu"),
                "unknown execution provider 'tpu' (known: cpu, cuda, rocm)");
    }

    /** The CPU build from Maven Central has no CUDA: the run stops before any work and says what to install. */
    @Test
    void aProviderTheInstalledBuildLacksIsAUserError() {
        assumeFalse(OrtSessions.available().contains(OrtProvider.CUDA), "this ONNX Runtime has CUDA");
        Result r = Cli.run(dir, "bench", "deeper.onnx", "shallower.onnx", "--provider", "cuda");
        assertUserError(r, "execution provider cuda:0 is not available");
        assertTrue(r.err().contains("install ONNX Runtime's CUDA build"), r.err());
    }

    private static void assertUserError(Result r, String message) {
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
