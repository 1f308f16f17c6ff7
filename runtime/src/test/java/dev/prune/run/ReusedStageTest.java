package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reused stage is checked before it is reported done: a published export that went missing or holds
 * another plan's model is restored from the export stage's copy. Also: the search scores by the metric and on
 * the split the spec names, and says so in candidates.jsonl.
 */
class ReusedStageTest {

    @TempDir
    Path dir;

    @Test
    void aMissingOrStaleExportIsRestoredAndTheSearchScoresWhatTheSpecSays() throws Exception {
        Path onnx = dir.resolve("tiny.onnx");
        Files.writeString(dir.resolve("tiny.prune"), TinyRecipes.recipe("convnext", onnx, 1).replace("score top1 on val", "score loss on train"));
        String first = run();
        byte[] exported = Files.readAllBytes(onnx);

        Path search = stageFolder("search");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(search.resolve("candidates.jsonl"))) {
            lines.add(JsonReader.parseObject(line));
        }
        assertFalse(lines.isEmpty());
        double best = lines.stream().mapToDouble(l -> ((Number) l.get("score")).doubleValue()).min().orElseThrow();
        for (Map<String, Object> line : lines) {
            assertEquals("loss", line.get("metric"));
            assertEquals("train", line.get("split"));
            if (Boolean.TRUE.equals(line.get("chosen"))) {
                assertEquals(best, ((Number) line.get("score")).doubleValue(), "the lowest loss is chosen");
            }
        }
        assertTrue(first.contains("scored by loss on train"), first);

        Files.delete(onnx);
        String second = run();
        assertTrue(second.contains("restored from"), second);
        assertFalse(second.contains("exporting to ONNX"), "nothing runs again: " + second);
        assertTrue(Arrays.equals(exported, Files.readAllBytes(onnx)), "the restored file is the one the run exported");

        String longer = run("--set", "train.subnet.epochs=2");
        assertTrue(longer.contains("training the subnet"), longer);
        assertFalse(Arrays.equals(exported, Files.readAllBytes(onnx)), "the longer run published its own model");

        String back = run();
        assertTrue(back.contains("restored from"), back);
        assertTrue(Arrays.equals(exported, Files.readAllBytes(onnx)), "the export at the path is this plan's model again");
        assertNotEquals(-1, back.indexOf("reused"));
    }

    private Path stageFolder(String stage) throws IOException {
        try (Stream<Path> folders = Files.list(dir.resolve("runs").resolve("tiny_convnext"))) {
            return folders.filter(p -> p.getFileName().toString().startsWith(stage + "-")).findFirst().orElseThrow();
        }
    }

    private String run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "tiny.prune", "--out", "runs"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(args.toArray(String[]::new),
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);
        return log;
    }
}
