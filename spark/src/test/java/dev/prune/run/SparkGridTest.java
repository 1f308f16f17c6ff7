package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.JsonReader;
import dev.prune.spark.SparkCells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 × 2 experiment grid (two variants by two seeds) on a tiny ConvNeXt, run locally and then with
 * {@code --master local-cluster[2,1,1024]}: the stages every cell shares (baseline, supernet, search, whose
 * scoring is itself distributed and recalibrates BatchNorm per candidate) run on the driver, the four cells'
 * own stages as Spark tasks in two executor processes. One of those tasks kills its executor in the middle of
 * its subnet stage (after the epoch's checkpoint, before the stage is done); Spark runs it again. The
 * distributed run's {@code experiment.json} equals the local one's but for the fields that measure the run
 * itself, and the store holds only whole stages.
 */
class SparkGridTest {

    /** Measured, not computed: wall times, timed latencies and the process's memory. Everything else must be equal. */
    private static final Set<String> RUN_SPECIFIC = Set.of("stage_seconds", "latency_ms", "speedup", "rss_mb");

    @TempDir
    Path dir;

    /** ExperimentRunTest's tiny ConvNeXt with one intra-op thread, as each task has: the numbers may be compared bit for bit. */
    private String spec() {
        String recipe = ExperimentRunTest.recipe(dir.resolve("tiny.onnx")).replace("  train baseline {", "  runtime { threads 1 }\n  train baseline {");
        assertTrue(recipe.contains("threads 1"), recipe);
        return recipe + """

                experiment grid on tiny_convnext {
                  seeds 1, 2
                  variant updp {}
                  variant direct { train.subnet.progressive = immediate }
                  compare updp - direct on test top1 paired
                }
                """;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGridAsSparkTasksSurvivesAKilledExecutorAndGivesTheLocalResults() throws Exception {
        Files.writeString(dir.resolve("exp.prune"), spec());
        RunInProcess local = RunInProcess.run(dir, "run", "exp.prune", "--out", "local");
        assertEquals(0, local.exit(), local.log());

        Path killed = dir.resolve("killed");
        System.setProperty(SparkCells.HALT_PROPERTY, "direct-seed2|epoch 1/1|" + killed);
        RunInProcess spark;
        try {
            spark = RunInProcess.run(dir, "run", "exp.prune", "--out", "spark", "--master", "local-cluster[2,1,1024]", "--store", "store");
        } finally {
            System.clearProperty(SparkCells.HALT_PROPERTY);
        }
        assertEquals(0, spark.exit(), spark.log());
        assertTrue(spark.log().contains("4 cells as Spark tasks on local-cluster[2,1,1024]"), spark.log());
        assertTrue(spark.log().contains("scoring as Spark tasks on local-cluster[2,1,1024]"), spark.log());
        assertTrue(Files.exists(killed), "an executor was killed in the middle of direct-seed2's subnet stage");

        Map<String, Object> expected = JsonReader.parseObject(Files.readString(dir.resolve("local/grid/experiment.json")));
        Map<String, Object> actual = JsonReader.parseObject(Files.readString(dir.resolve("spark/grid/experiment.json")));
        assertEquals(4, ((List<Object>) expected.get("cells")).size());
        assertEquals(withoutRunSpecific(expected), withoutRunSpecific(actual));

        // Every stage of the grid is in the store, whole; nothing a killed attempt began is there.
        Path store = dir.resolve("store");
        try (Stream<Path> stages = Files.list(store.resolve("stages"))) {
            List<Path> all = stages.toList();
            assertEquals(3 + 4 * 3, all.size(), all.toString());
            for (Path stage : all) {
                assertTrue(Files.isRegularFile(stage.resolve("done.json")), stage + " is a whole stage");
            }
        }
        if (Files.isDirectory(store.resolve("incoming"))) {
            try (Stream<Path> incoming = Files.list(store.resolve("incoming"))) {
                assertFalse(incoming.findAny().isPresent(), "no copy left half-published");
            }
        }
        // The cells' own stages were computed by the tasks and fetched here: their folders are copies, not links.
        Path subnet = RunInProcess.stage(dir.resolve("spark/grid/cells/direct-seed2/tiny_convnext"), "subnet");
        assertTrue(Files.isRegularFile(subnet.resolve("done.json")) && !Files.isSymbolicLink(subnet));
    }

    @Test
    void cellsOnSparkWithoutAStoreAreRefusedBeforeAnyWork() throws Exception {
        Files.writeString(dir.resolve("exp.prune"), spec());
        RunInProcess run = RunInProcess.run(dir, "run", "exp.prune", "--out", "runs", "--master", "local[2]");
        assertEquals(2, run.exit(), run.log());
        assertTrue(run.log().contains("needs a stage store every executor reaches") && run.log().contains("--store"), run.log());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing was written");
    }

    /** The JSON with the run-specific fields of every cell's summary taken out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutRunSpecific(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.remove("compute_seconds"); // measured by each run, as stage_seconds
        out.put("cells", ((List<Object>) json.get("cells")).stream().map(c -> {
            Map<String, Object> cell = new LinkedHashMap<>((Map<String, Object>) c);
            Map<String, Object> summary = new LinkedHashMap<>((Map<String, Object>) cell.get("summary"));
            summary.keySet().removeAll(RUN_SPECIFIC);
            cell.put("summary", summary);
            return (Object) cell;
        }).toList());
        return out;
    }
}
