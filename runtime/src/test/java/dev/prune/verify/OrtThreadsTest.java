package dev.prune.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtSession;
import dev.prune.onnx.OnnxExporter;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime { threads N }} reaches ONNX Runtime's session options: observed as the operating system
 * sees it, a session with an intra-op pool of N threads starts N − 1 worker threads (the caller is the Nth).
 */
class OrtThreadsTest {

    @TempDir
    Path dir;

    @Test
    void aSessionStartsTheIntraOpThreadsItIsGiven() throws Exception {
        Path model = dir.resolve("m.onnx");
        OnnxExporter.write(Zoo.build("resnet", Map.of("depths", List.of(1, 1), "widths", List.of(8, 16)), ImageShape.of(1, 28, 28), 10,
                BuildOptions.seeded(1)), model);
        // The environment's own threads start with the first session: open one before counting.
        try (OrtSession warm = OrtSessions.open(model, ExecutionProvider.CPU, OptionalInt.of(1))) {
            assertEquals(0, started(model, 1));
            assertEquals(2, started(model, 3));
            assertEquals(4, started(model, 5));
        }
    }

    /** Threads of this process that a session with {@code threads} intra-op threads adds while it is open. */
    private static long started(Path model, int threads) throws Exception {
        long before = threadCount();
        try (OrtSession session = OrtSessions.open(model, ExecutionProvider.CPU, OptionalInt.of(threads))) {
            return threadCount() - before;
        }
    }

    private static long threadCount() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }
}
