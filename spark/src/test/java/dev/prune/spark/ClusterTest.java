package dev.prune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.store.StageFixtures;
import dev.prune.store.StageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors in JVMs of their own ({@code local-cluster[2,1,1024]}: a master and two workers in this process,
 * each worker launching an executor process on 127.0.0.1). Starting the executors is most of the time, so
 * one cluster serves every test here.
 */
class ClusterTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void cluster() {
        ScoringChecks.oneThread();
        spark = SparkEvaluators.context("local-cluster[2,1,1024]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void executorsInTheirOwnProcessesChooseAsTheLocalSearch() {
        ScoringChecks.assertSameAsLocal(spark, TaskHook.NONE);
    }

    @Test
    void anExecutorKilledMidTaskIsRetriedAndTheChoiceStands() {
        Path killed = dir.resolve("killed");
        ScoringChecks.assertSameAsLocal(spark, new ScoringChecks.KillOnce(killed.toString()));
        assertTrue(Files.exists(killed), "an executor was killed during the job");
    }

    @Test
    void anExecutorKilledWhilePublishingLeavesNoPartialStage() throws IOException {
        Path store = dir.resolve("store");
        Path killed = dir.resolve("killed");
        spark.parallelize(IntStream.range(0, 4).boxed().toList(), 4)
                .foreach(new PublishStage(store.toUri().toString(), dir.resolve("work").toString(), killed.toString()));
        assertTrue(Files.exists(killed), "an executor was killed between its copy and its commit");
        StageStore reader = new HadoopStageStore(store.toUri(), new Configuration());
        for (int i = 0; i < 4; i++) {
            Path back = dir.resolve("back" + i);
            assertTrue(reader.fetchStage(PublishStage.key(i), back));
            StageFixtures.assertSameTree(StageFixtures.stage(dir.resolve("expected" + i), i), back);
        }
        try (Stream<Path> markers = Files.list(store.resolve("stages"))) {
            assertEquals(4, markers.filter(p -> p.getFileName().toString().endsWith(".commit")).count());
        }
        // The killed attempt's copy is still there, under an id no marker names: nothing reads it.
        try (Stream<Path> copies = Files.list(store.resolve("stages").resolve(PublishStage.key(1)))) {
            List<Path> ids = copies.filter(Files::isDirectory).toList();
            assertEquals(2, ids.size(), ids.toString());
        }
    }

    /** Each task makes stage i and publishes it; the executor of partition 1's first attempt dies just before the commit. */
    record PublishStage(String store, String work, String marker) implements VoidFunction<Integer> {

        static String key(int i) {
            return "stage" + i + "-0123456789ab";
        }

        @Override
        public void call(Integer i) throws IOException {
            TaskContext task = TaskContext.get();
            Path folder = StageFixtures.stage(Path.of(work, i + "-" + task.attemptNumber() + "-" + SparkEnv.get().executorId()), i);
            Runnable beforeCommit = () -> {
                if (i == 1 && task.attemptNumber() == 0) {
                    try {
                        Files.createFile(Path.of(marker));
                    } catch (FileAlreadyExistsException e) {
                        return;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Runtime.getRuntime().halt(137);
                }
            };
            new HadoopStageStore(java.net.URI.create(store), new Configuration(), beforeCommit).publish(key(i), folder);
        }
    }
}
