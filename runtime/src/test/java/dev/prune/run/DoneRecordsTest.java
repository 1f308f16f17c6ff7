package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged done.json is no proof that a stage finished: it is moved aside and the stage runs again. */
class DoneRecordsTest {

    @Test
    void aCorruptRecordIsSetAsideAndTheStageRunsAgain(@TempDir Path dir) throws IOException {
        Path done = Files.writeString(dir.resolve("done.json"), "{\"val_top1\": 0.8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(DoneRecords.readOrNull(done, Progress.detect(new PrintStream(out, true, StandardCharsets.UTF_8))));
        assertFalse(Files.exists(done));
        assertTrue(Files.exists(dir.resolve("done.json.damaged")));
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(done.toString()) && log.contains("damaged") && log.contains("running the stage again"), log);
    }

    @Test
    void aGoodRecordIsReadAndAMissingOneMeansNotDone(@TempDir Path dir) throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertNull(DoneRecords.readOrNull(dir.resolve("done.json"), Progress.detect(quiet)));
        Path done = Files.writeString(dir.resolve("done.json"), "{\"val_top1\": 0.8}");
        assertEquals(0.8, ((Number) DoneRecords.readOrNull(done, Progress.detect(quiet)).get("val_top1")).doubleValue());
    }
}
