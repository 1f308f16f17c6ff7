package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.onnx.OnnxReader;
import dev.prune.report.JsonReader;
import dev.prune.train.TensorFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in its own process, killed with SIGKILL in the middle of training, then run again: it must
 * continue from the checkpoint, finish, and leave no file under runs/ truncated or half-written.
 */
class KillAndResumeTest {

    @TempDir
    Path dir;

    @Test
    void aKilledRunContinuesFromItsCheckpoint() throws Exception {
        Path onnx = dir.resolve("resumed.onnx");
        Files.writeString(dir.resolve("tiny.prune"), TinyRecipes.recipe("convnext", onnx, 8));
        Path run = dir.resolve("runs").resolve("tiny_convnext");

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir, Main.class.getName(),
                "run", "tiny.prune", "--out", "runs")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        Path position = waitForCheckpoint(run, process);
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(position));
        assertFalse(Files.exists(onnx), "the run was killed before the export");
        assertNoDamage(run);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "tiny.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);
        assertTrue(log.contains("resuming from the checkpoint after epoch"), log);
        assertTrue(Files.size(onnx) > 0);
        assertNoDamage(run);

        // Every epoch of the baseline is in its log, once the killed epoch is counted once.
        Path metrics;
        try (Stream<Path> stages = Files.list(run)) {
            metrics = stages.filter(p -> p.getFileName().toString().startsWith("baseline-")).findFirst().orElseThrow().resolve("metrics.jsonl");
        }
        List<Integer> epochs = Files.readAllLines(metrics).stream().filter(l -> l.contains("\"epoch\""))
                .map(l -> ((Number) JsonReader.parseObject(l).get("epoch")).intValue()).distinct().sorted().toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), epochs);
    }

    /** Waits until the baseline stage has saved a checkpoint, then returns its position file. */
    private static Path waitForCheckpoint(Path run, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the run ended before it could be killed");
            if (Files.isDirectory(run)) {
                try (Stream<Path> stages = Files.list(run)) {
                    Optional<Path> position = stages.filter(p -> p.getFileName().toString().startsWith("baseline-"))
                            .map(p -> p.resolve("checkpoint").resolve("position.bin")).filter(Files::exists).findFirst();
                    if (position.isPresent()) {
                        return position.get();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint within 5 minutes");
    }

    /** Every file the run left parses whole: JSON, JSON lines, per-example predictions, tensor files (CRC-checked), ONNX and PNG. */
    private static void assertNoDamage(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertFalse(name.endsWith(".tmp") || file.toString().contains(".tmp-"), "leftover temporary file " + file);
                if (name.endsWith(".jsonl")) {
                    for (String line : Files.readAllLines(file)) {
                        JsonReader.parseObject(line);
                    }
                } else if (name.endsWith(".json")) {
                    JsonReader.parse(Files.readString(file));
                } else if (name.equals(TestPredictions.FILE)) {
                    TestPredictions.read(file);
                } else if (name.endsWith(".bin")) {
                    TensorFile.read(file);
                } else if (name.endsWith(".onnx")) {
                    OnnxReader.read(file);
                } else if (name.endsWith(".png")) {
                    byte[] bytes = Files.readAllBytes(file);
                    assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "not a PNG: " + file);
                }
            }
        }
    }
}
