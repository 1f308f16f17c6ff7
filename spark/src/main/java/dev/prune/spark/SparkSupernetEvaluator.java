package dev.prune.spark;

import dev.prune.search.SupernetEvaluator;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scores candidate sets as Spark tasks: the supernet and the scoring batches are broadcast once (as bytes,
 * so each executor fetches them once), the sets are split into as many partitions as the cluster runs tasks
 * at a time, and the driver puts the evaluations back in the order of the sets. The search then chooses
 * exactly as it would locally: the scores are the same numbers, and their order does not depend on which
 * task finished first.
 */
final class SparkSupernetEvaluator implements SupernetEvaluator {

    private final JavaSparkContext spark;
    private final boolean ownsContext;
    private final Broadcast<byte[]> supernet;
    private final TaskHook hook;

    SparkSupernetEvaluator(JavaSparkContext spark, boolean ownsContext, SupernetInputs inputs, TaskHook hook) {
        this.spark = spark;
        this.ownsContext = ownsContext;
        this.supernet = spark.broadcast(SupernetCodec.encode(inputs));
        this.hook = hook;
    }

    @Override
    public List<Evaluation> evaluate(List<List<String>> sets) {
        return evaluate(sets, spark.defaultParallelism());
    }

    /** As {@link #evaluate(List)}, in at most {@code maxPartitions} tasks (the benchmark compares one executor's work with two's). */
    List<Evaluation> evaluate(List<List<String>> sets, int maxPartitions) {
        if (sets.isEmpty()) {
            return List.of();
        }
        List<ScoredSet.Input> inputs = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            inputs.add(new ScoredSet.Input(i, sets.get(i)));
        }
        int partitions = Math.min(sets.size(), maxPartitions);
        List<ScoredSet.Output> outputs = new ArrayList<>(spark.parallelize(inputs, partitions)
                .mapPartitions(new ScorePartition(supernet, hook)).collect());
        outputs.sort(Comparator.comparingInt(ScoredSet.Output::index));
        if (outputs.size() != sets.size()) {
            throw new IllegalStateException("Spark returned " + outputs.size() + " scores for " + sets.size() + " sets");
        }
        return outputs.stream().map(ScoredSet.Output::evaluation).toList();
    }

    @Override
    public String describe() {
        return "as Spark tasks on " + spark.master() + " (" + spark.defaultParallelism() + " at a time)";
    }

    @Override
    public void close() {
        supernet.destroy();
        if (ownsContext) {
            spark.stop();
        }
    }
}
