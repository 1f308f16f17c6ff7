package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tiny recipe per reference architecture, run with {@code prune run} end to end, verification chain included. */
class RunEndToEndTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "mobilenet_v2", "convnext", "deit"})
    void aTinyRecipeRunsEndToEnd(String architecture) throws Exception {
        Path onnx = dir.resolve("tiny.onnx");
        Files.writeString(dir.resolve("tiny.prune"), TinyRecipes.recipe(architecture, onnx, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "tiny.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);

        Path run = dir.resolve("runs").resolve("tiny_" + architecture);
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(run.resolve("summary.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> verify = (Map<String, Object>) summary.get("verify");
        assertEquals(Boolean.TRUE, verify.get("passed"), log);
        assertTrue(((Number) verify.get("lambda0_vs_baseline")).doubleValue() <= 1e-5);
        assertTrue(((Number) verify.get("merged_vs_subnet")).doubleValue() <= 1e-5);
        if (!architecture.equals("resnet")) {
            // A ResNet basic block merges into one 5x5 conv: fewer layers, ~1.4x its MACs (DESIGN.md's table).
            assertTrue(((Number) summary.get("macs_merged")).longValue() < ((Number) summary.get("macs_baseline")).longValue(), log);
        }
        assertChoiceFollowsTheTieRule(run, architecture);
        double merged = ((Number) summary.get("merged_top1")).doubleValue();
        double ort = ((Number) summary.get("onnx_top1")).doubleValue();
        assertTrue(Math.abs(merged - ort) <= 0.001, merged + " vs " + ort);
        assertTrue(Files.size(onnx) > 0);
        assertTrue(Files.exists(run.resolve("report.md")));
        assertTrue(Files.exists(run.resolve("plots").resolve("search-candidates.png")));
        OnnxCheck.assertValid(onnx);
    }

    /**
     * The search's choice, read back from candidates.jsonl: the best top-1, then the fewer MACs, then the block
     * names; a tiny model often scores every set the same, so the rule (not float rounding) decides. Printed, so
     * that runs on different machines (or on one core) can be compared.
     */
    @SuppressWarnings("unchecked")
    private static void assertChoiceFollowsTheTieRule(Path run, String architecture) throws IOException {
        Path search;
        try (var stages = Files.list(run)) {
            search = stages.filter(p -> p.getFileName().toString().startsWith("search-")).findFirst().orElseThrow();
        }
        List<Map<String, Object>> scored = new ArrayList<>();
        for (String line : Files.readAllLines(search.resolve("candidates.jsonl"))) {
            scored.add(JsonReader.parseObject(line));
        }
        Comparator<Map<String, Object>> best = Comparator.<Map<String, Object>>comparingDouble(c -> -((Number) c.get("score")).doubleValue())
                .thenComparingLong(c -> ((Number) c.get("macs")).longValue())
                .thenComparing(c -> String.join("\0", new TreeSet<>((List<String>) c.get("blocks"))));
        Map<String, Object> expected = scored.stream().min(best).orElseThrow();
        List<Map<String, Object>> chosen = scored.stream().filter(c -> Boolean.TRUE.equals(c.get("chosen"))).toList();
        double top = ((Number) expected.get("score")).doubleValue();
        long tied = scored.stream().filter(c -> ((Number) c.get("score")).doubleValue() == top).count();
        System.out.printf("tiny_%s: %d sets scored, %d tied at top-1 %.4f; chosen %s%n", architecture, scored.size(), tied, top,
                chosen.isEmpty() ? "none" : chosen.get(0).get("blocks"));
        assertEquals(List.of(expected), chosen, "the choice must be the best by score, then MACs, then names");
        if (architecture.equals("mobilenet_v2")) {
            // features.1 (no expansion) would merge into no fewer layers or MACs: the space leaves it out.
            assertTrue(scored.stream().noneMatch(c -> ((List<String>) c.get("blocks")).contains("features.1")), scored.toString());
        }
    }
}
