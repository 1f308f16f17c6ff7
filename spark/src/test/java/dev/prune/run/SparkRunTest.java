package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.store.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prune run --master local[2]} end to end: the search stage scores its candidates as Spark tasks, each
 * recalibrating BatchNorm per candidate, and writes the same candidates.jsonl, score for score, as the local
 * search on the same supernet.
 */
class SparkRunTest {

    @TempDir
    Path dir;

    @Test
    void theSearchAsSparkTasksWritesWhatTheLocalSearchWrites() throws Exception {
        RunInProcess.tinyResnet(dir);
        // search.recalibrate is on by default: each task recomputes each set's BatchNorm statistics from the same batches.
        RunInProcess local = RunInProcess.run(dir, "run", "tiny.prune", "--out", "runs", "--set", "runtime.threads=1");
        assertEquals(0, local.exit(), local.log());
        Path run = dir.resolve("runs").resolve("tiny_resnet");
        Path search = RunInProcess.stage(run, "search");
        String localCandidates = Files.readString(search.resolve("candidates.jsonl"));
        String localDone = Files.readString(search.resolve("done.json"));
        // The executor is a runtime setting: the stage keeps its hash, so drop it (and what follows) to score again.
        for (String stage : new String[] {"search", "subnet", "merge", "export"}) {
            Trees.delete(RunInProcess.stage(run, stage));
        }

        RunInProcess spark = RunInProcess.run(dir, "run", "tiny.prune", "--out", "runs", "--set", "runtime.threads=1",
                "--master", "local[2]");
        assertEquals(0, spark.exit(), spark.log());
        assertTrue(spark.log().contains("scoring as Spark tasks on local[2]"), spark.log());
        assertTrue(spark.log().contains("BatchNorm recalibrated on"), spark.log());
        Path again = RunInProcess.stage(run, "search");
        assertEquals(search, again, "same stage hash");
        assertEquals(localCandidates, Files.readString(again.resolve("candidates.jsonl")));
        assertEquals(chosen(localDone), chosen(Files.readString(again.resolve("done.json"))));
    }

    private static Object chosen(String done) {
        return dev.prune.report.JsonReader.parseObject(done).get("chosen");
    }
}
