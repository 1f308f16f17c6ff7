package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code prune run} refuses before any work: exit 2, the reason, and nothing written under runs/. */
class RunCommandTest {

    @TempDir
    Path dir;

    private static final Path QUICKSTART = Path.of("../examples/quickstart.prune").toAbsolutePath().normalize();

    private Path spec(String from, String to) throws IOException {
        Path file = dir.resolve("spec.prune");
        String quickstart = Files.readString(QUICKSTART);
        assertTrue(quickstart.contains(from), "the quickstart has no " + from);
        Files.writeString(file, quickstart.replace(from, to));
        return file;
    }

    @Test
    void aMissingDatasetStopsTheRunNamingTheFolder() throws IOException {
        spec("\"data/fashion-mnist\"", "\"no/such/folder\"");
        Cli.Result result = Cli.run(dir, "run", "spec.prune", "--out", "runs");
        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains("no/such/folder"), result.err());
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @Test
    void aGpuTheBuildLacksStopsTheRunSayingWhatToInstall() throws IOException {
        spec("\"data/fashion-mnist\"", "\"" + Path.of("../examples/data/fashion-mnist").toAbsolutePath().normalize() + "\"");
        Cli.Result gpu = Cli.run(dir, "run", "spec.prune", "--out", "runs", "--device", "gpu:0");
        assertEquals(2, gpu.exit(), gpu.err());
        assertTrue(gpu.err().contains("GPU native library"), gpu.err());
        Cli.Result rocm = Cli.run(dir, "run", "spec.prune", "--out", "runs", "--ep", "rocm");
        assertEquals(2, rocm.exit(), rocm.err());
        assertTrue(rocm.err().contains("ROCm build"), rocm.err());
        assertFalse(Files.exists(dir.resolve("runs")));
        Cli.Result badDevice = Cli.run(dir, "run", "spec.prune", "--device", "tpu");
        assertEquals(2, badDevice.exit());
        assertTrue(badDevice.err().contains("--device takes cpu or gpu:N"), badDevice.err());
    }
}
