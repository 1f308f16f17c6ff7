package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code until converged} across a kill: a baseline killed after the epoch at which its rule held, but before the
 * stage was marked done, is done when the run resumes; it trains no further epoch. And {@code delta: 0} never stops
 * a stage early.
 */
class ConvergedResumeTest {

    @TempDir
    Path dir;

    private String recipe(String until) {
        String text = TinyRecipes.recipe("convnext", dir.resolve("out/m.onnx"), 3);
        String baseline = "    epochs 3\n    optimizer adamw(lr: 2e-3)\n";
        assertTrue(text.contains(baseline), text);
        return text.replace(baseline, baseline + "    " + until + "\n");
    }

    @Test
    void aBaselineKilledAfterConvergingIsDoneWhenResumed() throws Exception {
        // delta 100 points: any move counts, so the rule holds after 2 of the 3 epochs.
        Files.writeString(dir.resolve("r.prune"), recipe("until converged(delta: 100, over: 1 epochs)"));
        RunInProcess first = RunInProcess.run(dir, "run", "r.prune", "--out", "runs");
        assertEquals(0, first.exit(), first.log());
        assertTrue(first.log().contains("stopping after epoch 2 of 3"), first.log());
        Path baseline = RunInProcess.stage(dir.resolve("runs/tiny_convnext"), "baseline");
        Map<String, Object> done = JsonReader.parseObject(Files.readString(baseline.resolve("done.json")));
        assertEquals(Boolean.TRUE, done.get("converged"));

        // Killed between the converged epoch's checkpoint and done.json: the stage folder has no done.json.
        Files.delete(baseline.resolve("done.json"));
        RunInProcess resumed = RunInProcess.run(dir, "run", "r.prune", "--out", "runs");
        assertEquals(0, resumed.exit(), resumed.log());
        assertTrue(resumed.log().contains("resuming from the checkpoint after epoch 2"), resumed.log());
        assertTrue(!resumed.log().contains("epoch 3/3"), "no epoch past the one that converged: " + resumed.log());
        Map<String, Object> redone = JsonReader.parseObject(Files.readString(baseline.resolve("done.json")));
        assertEquals(Boolean.TRUE, redone.get("converged"));
        assertEquals(2, ((Number) redone.get("epochs")).intValue());
        assertEquals(done.get("val_curve"), redone.get("val_curve"), "the curve is the one logged before the kill");
        assertEquals(2, epochLines(baseline));
    }

    @Test
    void deltaZeroTrainsEveryEpoch() throws Exception {
        Files.writeString(dir.resolve("r.prune"), recipe("until converged(delta: 0, over: 1 epochs)"));
        RunInProcess run = RunInProcess.run(dir, "run", "r.prune", "--out", "runs");
        assertEquals(0, run.exit(), run.log());
        Path baseline = RunInProcess.stage(dir.resolve("runs/tiny_convnext"), "baseline");
        Map<String, Object> done = JsonReader.parseObject(Files.readString(baseline.resolve("done.json")));
        assertEquals(3, ((Number) done.get("epochs")).intValue(), done.toString());
        assertEquals(Boolean.FALSE, done.get("converged"));
        assertEquals(3, ((List<?>) done.get("val_curve")).size());
    }

    private static long epochLines(Path stage) throws Exception {
        try (Stream<String> lines = Files.lines(stage.resolve("metrics.jsonl"))) {
            return lines.filter(l -> l.contains("\"val_top1\"")).count();
        }
    }
}
