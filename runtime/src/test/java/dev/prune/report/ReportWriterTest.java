package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ChartSize SIZE = new ChartSize(820, 510);

    @TempDir
    Path tmp;

    /** What the runner knows besides the logs, for a run that went through every stage. */
    private static Summary fullSummary(RunLogs logs) {
        return new SummaryBuilder(FakeRun.RECIPE, "4f1c2a9e0b7d33aa5c6e8f0112233445566778899aabbccddeeff00112233445")
                .logs(logs)
                .data("fashion_mnist t10k (10000 images, val 1000 from train)")
                .mergedTop1(0.8141)
                .onnxTop1(0.8141)
                .baselineCost(12_345_678, 301_234)
                .mergedCost(8_100_000, 250_000)
                .latency(new Latency(new TreeMap<>(Map.of(1, 0.42, 32, 11.6)),
                        new TreeMap<>(Map.of(1, 0.33, 32, 8.0))))
                .verify(new VerifyChain(new VerifyChain.Link(0.0, 1e-5), new VerifyChain.Link(1.2e-7, 1e-5),
                        new VerifyChain.Link(3e-6, 1e-4)))
                .stageSeconds("search", 4.2)
                .stageSeconds("merge", 0.8)
                .stageSeconds("export", 2.5)
                .build();
    }

    @Test
    void summaryJsonHoldsEveryNumberOfTheRun() throws IOException {
        Path run = FakeRun.write(tmp, true);
        RunLogs logs = RunLogs.read(run);
        Path file = SummaryWriter.write(fullSummary(logs), run);

        assertEquals(run.resolve("summary.json"), file);
        Map<String, Object> json = JsonReader.parseObject(Files.readString(file));
        assertEquals("quickstart", json.get("recipe"));
        assertEquals(0.8 + 0.03 * (1 - Math.exp(-3)), (Double) json.get("baseline_top1"), 1e-12, "last epoch");
        assertEquals(0.76 + 0.03 * (1 - Math.exp(-2)), (Double) json.get("supernet_best_top1"), 1e-12, "best epoch");
        assertEquals(0.78 + 0.03 * (1 - Math.exp(-3)), (Double) json.get("subnet_top1"), 1e-12);
        assertEquals(0.8141, json.get("merged_top1"));
        assertEquals(FakeRun.CHOSEN, json.get("pruned_blocks"));
        assertEquals(12_345_678L, json.get("macs_baseline"));
        assertEquals(250_000L, json.get("params_merged"));
        assertEquals(Map.of("baseline", Map.of("1", 0.42, "32", 11.6), "merged", Map.of("1", 0.33, "32", 8L)),
                json.get("latency_ms"), "8.0 is written as 8, which reads back as a whole number");
        @SuppressWarnings("unchecked")
        Map<String, Object> speedup = (Map<String, Object>) json.get("speedup");
        assertEquals(0.42 / 0.33, (Double) speedup.get("1"), 1e-12);
        assertEquals(11.6 / 8.0, (Double) speedup.get("32"), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> verify = (Map<String, Object>) json.get("verify");
        assertEquals(0L, verify.get("lambda0_vs_baseline"));
        assertEquals(1.2e-7, verify.get("merged_vs_subnet"));
        assertEquals(3e-6, verify.get("onnx_vs_merged"));
        assertEquals(Map.of("lambda0_vs_baseline", 1e-5, "merged_vs_subnet", 1e-5, "onnx_vs_merged", 1e-4),
                verify.get("tolerances"));
        assertEquals(true, verify.get("passed"));
        @SuppressWarnings("unchecked")
        Map<String, Object> seconds = (Map<String, Object>) json.get("stage_seconds");
        assertEquals(List.of("baseline", "supernet", "search", "subnet", "merge", "export"),
                List.copyOf(seconds.keySet()),
                "plan order");
        assertEquals(13.3 + 14.3 + 15.3, (Double) seconds.get("baseline"), 1e-9, "the epochs' sum");
        assertEquals(Map.of("peak", 646.5, "after_epoch", List.of(615.5, 631L, 646.5)),
                ((Map<?, ?>) json.get("rss_mb")).get("baseline"));
        assertEquals("fashion_mnist t10k (10000 images, val 1000 from train)", json.get("data"));
        assertEquals(List.of(), json.get("warnings"));
        assertTrue(json.containsKey("plan_hash"));
        assertEquals("2123456789ab", ((Map<?, ?>) json.get("stage_folders")).get("search"));
    }

    @Test
    void reportHasEveryTableAndItsImagesExist() throws IOException {
        Path run = FakeRun.write(tmp, true);
        RunLogs logs = RunLogs.read(run);
        ReportWriter.Report report = ReportWriter.write(fullSummary(logs), logs, run, SIZE);

        String md = Files.readString(report.markdown());
        assertEquals(run.resolve("report.md"), report.markdown());
        for (String row : List.of("| baseline | 82.85 % |  |", "| merged | 81.41 % | -1.44 pt |",
                "| MACs (per input) | 12.35 M | 8.10 M | 0.656× |", "| parameters | 301.2 k | 250.0 k | 0.830× |",
                "| 1 | 0.420 | 0.330 | 1.273× |", "| 32 | 11.600 | 8.000 | 1.450× |",
                "| subnet at λ = 0 vs baseline | 0 | 1.0e-05 | pass |",
                "| merged vs subnet at λ = 1 | 1.2e-07 | 1.0e-05 | pass |",
                "| ONNX Runtime vs merged | 3.0e-06 | 1.0e-04 | pass |", "Overall: **pass**",
                "| baseline | `baseline-0123456789ab` | 42.9 | 647 | 616, 631, 647 |",
                "| search | `search-2123456789ab` | 4.2 |  |  |", "| merge |  | 0.8 |  |  |", "- `features.3.1`",
                "Peak RSS of the run: 647 MB")) {
            assertTrue(md.contains(row), () -> "missing «" + row + "» in\n" + md);
        }
        assertFalse(md.contains("not run"), md);
        assertFalse(md.contains("## Warnings"), md);

        List<String> links = imageLinks(md);
        assertEquals(List.of("plots/baseline-training.png", "plots/supernet-training.png",
                "plots/subnet-training.png", "plots/search-candidates.png"), links);
        for (String link : links) {
            assertPlot(run.resolve(link));
        }
        assertEquals(Set.of("baseline", "supernet", "subnet", "search"), report.plots().keySet());
    }

    @Test
    void withoutASupernetItsValuesAreNullAndTheReportSaysNotRun() throws IOException {
        Path run = FakeRun.write(tmp, false);
        RunLogs logs = RunLogs.read(run);
        Summary summary = new SummaryBuilder(FakeRun.RECIPE, "abc").logs(logs).build();
        SummaryWriter.write(summary, run);
        ReportWriter.write(summary, logs, run, SIZE);

        Map<String, Object> json = JsonReader.parseObject(Files.readString(run.resolve("summary.json")));
        assertTrue(json.containsKey("supernet_best_top1"));
        assertNull(json.get("supernet_best_top1"));
        for (String key : List.of("merged_top1", "onnx_top1", "macs_merged", "latency_ms", "speedup", "verify",
                "data")) {
            assertTrue(json.containsKey(key), key);
            assertNull(json.get(key), key);
        }
        assertFalse(((Map<?, ?>) json.get("stage_seconds")).containsKey("supernet"));

        String md = Files.readString(run.resolve("report.md"));
        for (String line : List.of("| supernet, best candidate of the search | not run |  |", "| supernet |  | not run | not run |  |",
                "| search | `search-2123456789ab` | not recorded |  |  |",
                "Benchmark not run.", "Verification not run.", "### Training: supernet\n\nnot run.")) {
            assertTrue(md.contains(line), () -> "missing «" + line + "» in\n" + md);
        }
        assertFalse(Files.exists(run.resolve("plots/supernet-training.png")));
        for (String link : imageLinks(md)) {
            assertPlot(run.resolve(link));
        }
    }

    @Test
    void anEmptyRunStillGetsAReport() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("runs/empty"));
        RunLogs logs = RunLogs.read(run);
        Summary summary = new SummaryBuilder("empty", null).logs(logs).build();
        ReportWriter.write(summary, logs, run);
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("| baseline | not run |  |"), md);
        assertTrue(md.contains("Search not run."), md);
        assertEquals(List.of(), imageLinks(md));
    }

    @Test
    void aTornLineInARunBecomesAReportWarning() throws IOException {
        Path run = FakeRun.write(tmp, true);
        Files.writeString(run.resolve("subnet-3123456789ab/metrics.jsonl"), "{\"stage\":\"sub",
                java.nio.file.StandardOpenOption.APPEND);
        RunLogs logs = RunLogs.read(run);
        Summary summary = new SummaryBuilder(FakeRun.RECIPE, "abc").logs(logs).build();
        assertEquals(1, summary.warnings().size());
        ReportWriter.write(summary, logs, run, SIZE);
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Warnings\n\n- ") && md.contains("skipped a torn last line"), md);
        assertEquals(3, logs.stage("subnet").orElseThrow().epochs().size());
    }

    @Test
    void aFailedCheckIsShownAsFailed() {
        VerifyChain chain = new VerifyChain(new VerifyChain.Link(0.0, 1e-5), new VerifyChain.Link(Double.NaN, 1e-5),
                VerifyChain.Link.notRun(1e-4));
        assertEquals(VerifyChain.Status.FAIL, chain.overall());
        Summary summary = new SummaryBuilder("r", "h").verify(chain).build();
        Map<String, Object> json = JsonReader.parseObject(dev.prune.plan.Json.pretty(SummaryWriter.toJson(summary)));
        assertEquals("NaN", ((Map<?, ?>) json.get("verify")).get("merged_vs_subnet"));
        assertEquals(false, ((Map<?, ?>) json.get("verify")).get("passed"));
        String md = ReportWriter.markdown(summary, RunLogs.read(tmp), Map.of());
        assertTrue(md.contains("| merged vs subnet at λ = 1 | NaN | 1.0e-05 | FAIL |"), md);
        assertTrue(md.contains("Overall: **FAIL**"), md);
    }

    @Test
    void planHashesPickTheStageFoldersOfThisRun() throws IOException {
        Path run = FakeRun.write(tmp, true);
        try (MetricsLog old = MetricsLog.open(run.resolve("baseline-ffffffffffff/metrics.jsonl"))) {
            old.append(FakeRun.epochs("baseline", 1).get(0));
        }
        RunLogs pinned = RunLogs.read(run, Map.of("baseline", "0123456789ab"));
        assertEquals(3, pinned.stage("baseline").orElseThrow().epochs().size());
        assertEquals(List.of(), pinned.warnings());
        RunLogs guessed = RunLogs.read(run);
        assertEquals(1, guessed.warnings().size(), "two baseline folders and no plan: a warning");
    }

    private static List<String> imageLinks(String markdown) {
        Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(markdown);
        return m.results().map(r -> r.group(1)).toList();
    }

    /** A real PNG of the configured size with more on it than a background and an axis. */
    private static void assertPlot(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), file + " starts with the PNG signature");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(SIZE.width(), image.getWidth(), file.toString());
        assertEquals(SIZE.height(), image.getHeight(), file.toString());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, file + " has " + colours.size() + " colours");
        try (Stream<Path> leftovers = Files.list(file.getParent())) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }
}
