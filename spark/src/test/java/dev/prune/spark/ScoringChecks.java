package dev.prune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.prune.engine.GraphModule;
import dev.prune.search.EvaluatorScoring;
import dev.prune.search.LocalSupernetEvaluator;
import dev.prune.search.Search;
import dev.prune.search.SearchResult;
import dev.prune.search.SearchSpace;
import dev.prune.search.SupernetEvaluator;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** The check every Spark scoring test makes: the distributed search scores and chooses exactly as the local one. */
final class ScoringChecks {

    static final SupernetInputs INPUTS = TinySupernet.inputs(6, 32, 2, 32);
    static final SearchSpace SPACE = TinySupernet.space(INPUTS.candidates(), 2);

    private ScoringChecks() {
    }

    /** One intra-op thread here, as in each executor: the numbers may then be compared bit for bit. */
    static void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    static void assertSameAsLocal(JavaSparkContext spark, TaskHook hook) {
        SearchResult local;
        List<Evaluation> localEvaluations;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                SupernetEvaluator evaluator = new LocalSupernetEvaluator(new GraphModule(INPUTS.supernet(), manager), INPUTS.candidates(),
                        () -> Batches.of(INPUTS.batches()))) {
            local = Search.exhaustive(SPACE, new EvaluatorScoring(evaluator, true));
            localEvaluations = evaluateAll(evaluator, local);
        }
        SearchResult distributed;
        List<Evaluation> distributedEvaluations;
        try (SupernetEvaluator evaluator = new SparkSupernetEvaluator(spark, false, INPUTS, hook)) {
            distributed = Search.exhaustive(SPACE, new EvaluatorScoring(evaluator, true));
            distributedEvaluations = evaluateAll(evaluator, local);
        }
        assertEquals(15, local.scored().size());
        assertEquals(local.best().blocks(), distributed.best().blocks());
        // Every set's score, bit for bit, in the same order: the choice cannot depend on which task finished first.
        assertEquals(local.scored(), distributed.scored());
        assertEquals(localEvaluations, distributedEvaluations);
    }

    private static List<Evaluation> evaluateAll(SupernetEvaluator evaluator, SearchResult result) {
        try {
            return evaluator.evaluate(result.scored().stream().map(c -> c.blocks()).toList());
        } catch (dev.prune.data.DataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the executor running the first attempt of partition 0, once (a marker file says it happened). */
    record KillOnce(String marker) implements TaskHook {

        @Override
        public void beforeScoring(int partition, int attempt) {
            if (partition == 0 && attempt == 0 && !org.apache.spark.SparkEnv.get().executorId().equals("driver")) {
                try {
                    Files.createFile(Path.of(marker));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    return;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
