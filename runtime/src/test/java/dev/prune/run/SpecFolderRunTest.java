package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.onnx.OnnxReader;
import dev.prune.report.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny run of a spec kept in a folder of its own, started from another working directory, with the search's
 * subject replaced on the command line ({@code --set search=random}): the spec's relative data path and export
 * path are found beside the spec; the run really searches at random; its summary.json records the provenance
 * its ONNX export carries.
 */
class SpecFolderRunTest {

    @TempDir
    static Path dir;
    static Path specs;
    static Path runs;
    static RunInProcess result;

    @BeforeAll
    static void runOnce() throws IOException {
        specs = Files.createDirectories(dir.resolve("project/specs"));
        Files.createDirectories(specs.resolve("data"));
        Files.createSymbolicLink(specs.resolve("data/fm"), TinyRecipes.DATA);
        String text = TinyRecipes.recipe("resnet", Path.of("out/tiny.onnx"), 1).replace(TinyRecipes.DATA.toString(), "data/fm");
        assertTrue(text.contains("fashion_mnist(\"data/fm\"") && text.contains("export onnx(\"out/tiny.onnx\")"), text);
        Path spec = Files.writeString(specs.resolve("tiny.prune"), text);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        runs = dir.resolve("runs");
        // The space has two sets (layer1.0 or layer1.1): exhaustive would score both, one random draw scores one.
        // The validation split is 2 batches of 64: the search scores on 1, after recalibrating BatchNorm on 1.
        result = RunInProcess.run(elsewhere, "run", spec.toString(), "--out", runs.toString(), "--set", "search=random",
                "--set", "search.population=1", "--set", "search.batches=1", "--set", "search.recalibrate=1 batches");
    }

    private static Path run() {
        return runs.resolve("tiny_resnet");
    }

    @Test
    void theSpecsRelativePathsAreFoundBesideIt() throws IOException {
        assertEquals(0, result.exit(), result.log());
        assertTrue(Files.isRegularFile(specs.resolve("out/tiny.onnx")), result.log());
        assertFalse(Files.exists(dir.resolve("elsewhere/out")));
        assertFalse(Files.exists(Path.of("out/tiny.onnx").toAbsolutePath()), "nothing is written in the process's folder");
        Map<String, Object> plan = JsonReader.parseObject(Files.readString(run().resolve("plan.json")));
        String json = plan.toString();
        assertTrue(json.contains(specs.resolve("data/fm").toString()), json);
        assertTrue(json.contains(specs.resolve("out/tiny.onnx").toString()), json);
    }

    @Test
    void searchRandomOnTheCommandLineRunsARandomSearch() throws IOException {
        assertEquals(0, result.exit(), result.log());
        assertTrue(result.log().contains("strategy random"), result.log());
        List<String> candidates = Files.readAllLines(RunInProcess.stage(run(), "search").resolve("candidates.jsonl"));
        assertEquals(1, candidates.size(), "population 1: one set drawn, of the two an exhaustive search scores");
        Map<String, Object> plan = JsonReader.parseObject(Files.readString(run().resolve("plan.json")));
        assertTrue(plan.toString().contains("search={value=random, from=--set 1}"), plan.toString());
    }

    @Test
    void theSearchScoresOnTheBatchesItIsGivenAfterRecalibrating() throws IOException {
        assertEquals(0, result.exit(), result.log());
        Map<String, Object> done = JsonReader.parseObject(Files.readString(RunInProcess.stage(run(), "search").resolve("done.json")));
        assertEquals(128L, done.get("val_examples"));
        assertEquals(64L, done.get("score_examples"), "batches 1: one batch of 64 of the 128 held out");
        assertTrue(result.log().contains("BatchNorm recalibrated on 1 batches"), result.log());
    }

    @Test
    void summaryJsonRecordsTheProvenanceTheExportCarries() throws IOException {
        assertEquals(0, result.exit(), result.log());
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(run().resolve("summary.json")));
        Map<String, String> metadata = OnnxReader.read(specs.resolve("out/tiny.onnx")).metadata();
        assertEquals(metadata, summary.get("provenance"));
        assertEquals(summary.get("plan_hash"), metadata.get("plan_hash"));
        assertEquals("tiny_resnet", metadata.get("recipe"));
        for (String key : List.of("prune_version", "spec_sha256", "stage_hash.baseline", "stage_hash.search", "stage_hash.export")) {
            assertTrue(metadata.containsKey(key), key + " in " + metadata);
        }
    }
}
