package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path dir;

    private final EpochRecord epoch1 = new EpochRecord("subnet", 1, 55, 0.71, 0.74, 0.80, 0.002, 0.5, 12.3, 612.5);
    private final StepRecord step10 = new StepRecord("subnet", 10, 0.9, 0.001, 0.1);
    private final CandidateLine candidate = new CandidateLine(List.of("features.3.1", "features.5.2"), 1234567, 45678,
            0.812, "top1", "val", null, true);

    @Test
    void recordsRoundTripOneLineEach() throws IOException {
        Path file = dir.resolve("stage/metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step10);
            log.append(epoch1);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"stage\":\"subnet\",\"step\":10,\"loss\":0.9,\"lr\":0.001,\"lambda\":0.1}", lines.get(0));
        JsonlReader.Result<MetricLine> read = JsonlReader.readMetrics(file);
        assertEquals(List.of(step10, epoch1), read.records());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void eachLineIsOnDiskBeforeTheLogIsClosed() throws IOException {
        Path file = dir.resolve("candidates.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(candidate);
            // A kill now must not lose the line: it has been flushed past the JVM's buffers.
            assertEquals(List.of(candidate), JsonlReader.readCandidates(file).records());
        }
    }

    @Test
    void readsTheContractsExampleLines() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, """
                {"stage":"baseline","epoch":1,"step":55,"loss":0.71,"train_top1":0.74,"val_top1":0.80,"lr":0.002,"lambda":null,"seconds":12.3,"rss_mb":612.5}
                {"stage":"baseline","step":10,"loss":0.9,"lr":0.001,"lambda":null}
                """);
        List<MetricLine> records = JsonlReader.readMetrics(file).records();
        assertEquals(new EpochRecord("baseline", 1, 55, 0.71, 0.74, 0.80, 0.002, null, 12.3, 612.5), records.get(0));
        assertEquals(new StepRecord("baseline", 10, 0.9, 0.001, null), records.get(1));
    }

    @Test
    void aTornLastLineIsSkippedWithAWarning() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step10);
            log.append(epoch1);
        }
        // What a kill in the middle of a write leaves behind.
        Files.writeString(file, "{\"stage\":\"subnet\",\"epoch\":2,\"step\":110,\"lo", StandardOpenOption.APPEND);
        JsonlReader.Result<MetricLine> read = JsonlReader.readMetrics(file);
        assertEquals(List.of(step10, epoch1), read.records());
        assertEquals(1, read.warnings().size());
        assertTrue(read.warnings().get(0).contains("metrics.jsonl:3: skipped a torn last line"),
                read.warnings().get(0));
    }

    @Test
    void aBadLineBeforeTheLastIsAnErrorWithItsLineNumber() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"stage\":\"subnet\",\"step\":10,\"lo\n" + "{\"stage\":\"subnet\",\"step\":20,"
                + "\"loss\":0.8,\"lr\":0.001,\"lambda\":0.2}\n");
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> JsonlReader.readMetrics(file));
        assertTrue(e.getMessage().contains("metrics.jsonl:1:"), e.getMessage());
    }

    @Test
    void aCompleteLineThatBreaksTheContractIsAnError() throws IOException {
        Path file = dir.resolve("candidates.jsonl");
        Files.writeString(file, "{\"blocks\":[\"a\"],\"macs\":\"many\",\"params\":1,\"score\":0.5,\"chosen\":true}\n");
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> JsonlReader.readCandidates(file));
        assertTrue(e.getMessage().contains("candidates.jsonl:1: key \"macs\": expected a whole number"),
                e.getMessage());
    }

    @Test
    void reopeningCutsATornTailSoTheNextLineStaysWhole() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step10);
        }
        String torn = "{\"stage\":\"subnet\",\"step\":20,\"lo";
        Files.write(file, torn.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (MetricsLog resumed = MetricsLog.open(file)) {
            assertEquals(torn.length(), resumed.discardedBytes());
            resumed.append(epoch1);
        }
        JsonlReader.Result<MetricLine> read = JsonlReader.readMetrics(file);
        assertEquals(List.of(step10, epoch1), read.records());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void aResumedStageKeepsTheLastRecordOfARepeatedEpoch() {
        EpochRecord first = new EpochRecord("baseline", 2, 110, 0.6, 0.8, 0.81, 1e-3, null, 10, 600);
        EpochRecord redone = new EpochRecord("baseline", 2, 110, 0.5, 0.8, 0.83, 1e-3, null, 10, 600);
        EpochRecord one = FakeRun.epochs("baseline", 1).get(0);
        StageLog log = StageLog.of("baseline", List.of(one, first, redone));
        assertEquals(List.of(one, redone), log.epochs());
        assertEquals(0.83, log.finalValTop1());
    }

    @Test
    void stepsArePlacedOnTheEpochAxis() {
        StageLog log = StageLog.of("baseline", List.copyOf(FakeRun.epochs("baseline", 2)));
        assertEquals(0.0, log.epochPosition(0), 1e-12);
        assertEquals(27.0 / 55, log.epochPosition(27), 1e-12);
        assertEquals(1.0, log.epochPosition(55), 1e-12);
        assertEquals(1 + 27.0 / 55, log.epochPosition(82), 1e-12);
        assertEquals(2.0, log.epochPosition(110), 1e-12);
        assertEquals(2.2, log.epochPosition(121), 1e-12, "past the last epoch, the last epoch's length");
    }
}
