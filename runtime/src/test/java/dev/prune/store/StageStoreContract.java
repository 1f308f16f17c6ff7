package dev.prune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link StageStore} promises; a subclass names the store under test. */
public abstract class StageStoreContract {

    protected static final String KEY = "search-0123456789ab";

    @TempDir
    protected Path dir;

    protected abstract StoreFactory factory();

    @Test
    void concurrentPublishersInThreadsLeaveOneWholeCopy() throws Exception {
        int publishers = 8;
        List<Path> stages = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            stages.add(StageFixtures.stage(dir.resolve("made" + i), i + 1));
        }
        StageStore store = factory().open(dir.resolve("store"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Path stage : stages) {
                Callable<Boolean> publish = () -> {
                    start.await();
                    return store.publish(KEY, stage);
                };
                results.add(pool.submit(publish));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won, "exactly one publisher commits");
        } finally {
            pool.shutdownNow();
        }
        assertOneWholeCopyOfOneOf(store, stages);
    }

    @Test
    void concurrentPublishersInTwoProcessesLeaveOneWholeCopy() throws Exception {
        Path root = dir.resolve("store");
        List<Path> stages = List.of(StageFixtures.stage(dir.resolve("a"), 3), StageFixtures.stage(dir.resolve("b"), 4));
        List<Process> processes = new ArrayList<>();
        for (Path stage : stages) {
            processes.add(publisher(root, stage, false));
        }
        List<String> outcomes = new ArrayList<>();
        for (Process process : processes) {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
            outcomes.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        assertEquals(1, outcomes.stream().filter("WON"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter("LOST"::equals).count(), outcomes.toString());
        assertOneWholeCopyOfOneOf(factory().open(root), stages);
    }

    @Test
    void aStageComesBackWholeAndOnlyOnce() throws IOException {
        Path stage = StageFixtures.stage(dir.resolve("made"), 1);
        StageStore store = factory().open(dir.resolve("store"));
        assertFalse(store.contains(KEY));
        assertFalse(store.fetch(KEY, dir.resolve("nothing")));
        assertTrue(store.publish(KEY, stage));
        assertTrue(store.contains(KEY));
        assertTrue(store.fetchStage(KEY, dir.resolve("back")));
        StageFixtures.assertSameTree(stage, dir.resolve("back"));
        assertFalse(store.publish(KEY, StageFixtures.stage(dir.resolve("other"), 2)), "a second publish of the same key keeps the first copy");
        assertTrue(store.fetchStage(KEY, dir.resolve("back")));
        StageFixtures.assertSameTree(stage, dir.resolve("back"));
    }

    @Test
    void aPublisherKilledBeforeItsCommitLeavesNoStage() throws Exception {
        Path root = dir.resolve("store");
        Path stage = StageFixtures.stage(dir.resolve("made"), 2);
        Process process = publisher(root, stage, true);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ASIDE", out.readLine(), "the publisher copied the stage aside");
            // The copy is complete and waiting for its commit: the worst moment to die.
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }
        StageStore store = factory().open(root);
        assertFalse(store.contains(KEY));
        assertFalse(store.fetch(KEY, dir.resolve("back")));
        // The next publisher is not disturbed by the dead one's leftovers.
        assertTrue(store.publish(KEY, stage));
        assertTrue(store.fetch(KEY, dir.resolve("back")));
        StageFixtures.assertSameTree(stage, dir.resolve("back"));
    }

    private Process publisher(Path root, Path stage, boolean stall) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Publisher.class.getName(), factory().getClass().getName(), root.toString(),
                KEY, stage.toString()));
        if (stall) {
            command.add("stall");
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    protected void assertOneWholeCopyOfOneOf(StageStore store, List<Path> stages) throws IOException {
        Path back = dir.resolve("back");
        assertTrue(store.fetch(KEY, back));
        long matches = 0;
        for (Path stage : stages) {
            matches += StageFixtures.sameTree(stage, back) ? 1 : 0;
        }
        assertEquals(1, matches, "the committed copy is one publisher's, whole");
    }
}
