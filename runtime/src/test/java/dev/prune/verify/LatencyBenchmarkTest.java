package dev.prune.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.onnx.OnnxExporter;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structure of benchmark results on two tiny exported models; never wall time, which is noise here. */
class LatencyBenchmarkTest {

    @TempDir
    static Path dir;
    private static Path deeper;
    private static Path shallower;

    @BeforeAll
    static void exportTwoModels() {
        ImageShape mnist = ImageShape.of(1, 28, 28);
        Graph a = Zoo.build("resnet", Map.of("depths", List.of(2, 2), "widths", List.of(8, 16)), mnist, 10,
                BuildOptions.seeded(1));
        Graph b = Zoo.build("resnet", Map.of("depths", List.of(1, 1), "widths", List.of(8, 16)), mnist, 10,
                BuildOptions.seeded(1));
        deeper = dir.resolve("deeper.onnx");
        shallower = dir.resolve("shallower.onnx");
        OnnxExporter.write(a, deeper);
        OnnxExporter.write(b, shallower);
    }

    @Test
    void reportsMediansAndRatioPerBatch() {
        BenchResult r = LatencyBenchmark.run(deeper, shallower, List.of(1, 4), 7, 2, "cpu");
        System.out.print(r.toTable());

        assertEquals("cpu", r.provider());
        assertEquals(List.of(1, 4), r.batches().stream().map(BenchResult.Batch::batch).toList());
        for (BenchResult.Batch b : r.batches()) {
            assertEquals(7, b.samplesMsA().size());
            assertEquals(7, b.samplesMsB().size());
            assertTrue(b.medianMsA() > 0 && b.medianMsB() > 0);
            assertEquals(LatencyBenchmark.median(b.samplesMsA().stream().mapToDouble(Double::doubleValue).toArray()),
                    b.medianMsA());
            assertEquals(b.medianMsA() / b.medianMsB(), b.ratio(), 1e-12);
        }
        String json = r.toJson();
        for (String key : List.of("\"model_a\"", "\"provider\": \"cpu\"", "\"runs\": 7", "\"warmup\": 2",
                "\"batch\": 4", "\"median_ms_a\"", "\"ratio_a_over_b\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        List<String> lines = r.toTable().lines().toList();
        assertEquals(4 + 2, lines.size(), r.toTable());
        assertTrue(lines.get(4).trim().startsWith("1 "), lines.get(4));
    }

    @Test
    void rejectsBadSettingsBeforeRunning() {
        assertThrows(IllegalArgumentException.class, () -> LatencyBenchmark.run(deeper, shallower, List.of(0), 3, "cpu"));
        assertThrows(IllegalArgumentException.class, () -> LatencyBenchmark.run(deeper, shallower, List.of(1), 0, "cpu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyBenchmark.run(deeper, shallower, List.of(1), 3, "tpu"));
        assertEquals("unknown execution provider 'tpu' (known: cpu, cuda, rocm)", e.getMessage());
    }
}
