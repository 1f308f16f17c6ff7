package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune run --store URI}: a second worker, with an empty run folder, fetches every finished stage instead of computing it. */
class StoreRunTest {

    @TempDir
    Path dir;

    @Test
    void aSecondWorkerFetchesEveryStageFromTheStore() throws Exception {
        RunInProcess.tinyResnet(dir);
        String store = dir.resolve("store").toUri().toString();
        RunInProcess first = RunInProcess.run(dir, "run", "tiny.prune", "--out", "first", "--store", store);
        assertEquals(0, first.exit(), first.log());
        assertFalse(first.log().contains("fetched from the store"), first.log());

        RunInProcess second = RunInProcess.run(dir, "run", "tiny.prune", "--out", "second", "--store", store);
        assertEquals(0, second.exit(), second.log());
        for (String stage : new String[] {"baseline", "supernet", "search", "subnet", "merge", "export"}) {
            assertTrue(second.log().contains("stage " + stage + " fetched from the store"), second.log());
            Path fetched = RunInProcess.stage(dir.resolve("second").resolve("tiny_resnet"), stage);
            Path made = RunInProcess.stage(dir.resolve("first").resolve("tiny_resnet"), stage);
            assertEquals(Files.readString(made.resolve("done.json")), Files.readString(fetched.resolve("done.json")));
        }
        assertFalse(second.log().contains("epoch 1"), "nothing is trained again:\n" + second.log());
    }

    @Test
    void anUnknownStoreIsAUserError() throws Exception {
        RunInProcess.tinyResnet(dir);
        RunInProcess run = RunInProcess.run(dir, "run", "tiny.prune", "--store", "nosuch://x/y");
        assertEquals(2, run.exit(), run.log());
        assertTrue(run.log().contains("--store: no store for 'nosuch://x/y'"), run.log());
    }
}
