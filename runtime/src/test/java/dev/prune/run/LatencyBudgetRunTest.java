package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A latency budget is measured in ONNX Runtime for each set the search considers, and respected. */
class LatencyBudgetRunTest {

    @TempDir
    Path dir;

    private int run(String budget, StringBuilder log) throws Exception {
        String recipe = TinyRecipes.recipe("convnext", dir.resolve("tiny.onnx"), 1).replace("prune 1\n    transform", "prune 1 where " + budget + "\n    transform");
        Files.writeString(dir.resolve("tiny.prune"), recipe);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "tiny.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), dir));
        log.append(out.toString(StandardCharsets.UTF_8));
        return exit;
    }

    @Test
    void everyCandidateIsTimedAndAnImpossibleBudgetFailsTheRun() throws Exception {
        StringBuilder log = new StringBuilder();
        assertEquals(0, run("latency <= 10 x baseline", log), log.toString());
        Path candidates;
        try (Stream<Path> stages = Files.list(dir.resolve("runs/tiny_convnext"))) {
            candidates = stages.filter(p -> p.getFileName().toString().startsWith("search-")).findFirst().orElseThrow()
                    .resolve("candidates.jsonl");
        }
        List<String> lines = Files.readAllLines(candidates);
        assertEquals(2, lines.size());
        for (String line : lines) {
            Object ms = JsonReader.parseObject(line).get("latency_ms");
            assertTrue(ms instanceof Number n && n.doubleValue() > 0, line);
        }

        StringBuilder impossible = new StringBuilder();
        assertEquals(1, run("latency < 0.000001 ms", impossible), impossible.toString());
        assertTrue(impossible.toString().contains("no set of blocks fits the budgets"), impossible.toString());
    }
}
