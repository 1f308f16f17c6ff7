package dev.prune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.BenchSize;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scoring 64 candidate sets on one executor against two, side by side on one cluster of two single-core
 * executor processes ({@code local-cluster[2,1,2048]}): the same job in one task, then spread over two,
 * alternating, after a warm-up that starts both executors and their PyTorch. Prints the ratio of the medians.
 *
 * <p>{@code mvn -B -ntp test -pl spark -am -Dtest=SparkScoringBenchmark -Dprune.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class SparkScoringBenchmark {

    private static final int SETS = Integer.getInteger("prune.bench.sets", BenchSize.pick(8, 64));
    private static final int ROUNDS = Integer.getInteger("prune.bench.rounds", BenchSize.pick(1, 3));

    @Test
    void twoExecutorsAgainstOne() {
        ScoringChecks.oneThread();
        SupernetInputs inputs = TinySupernet.inputs(10, 384, 4, 128);
        List<List<String>> sets = sets(inputs.candidates(), SETS);
        JavaSparkContext spark = SparkEvaluators.context("local-cluster[2,1,2048]");
        try (SparkSupernetEvaluator evaluator = new SparkSupernetEvaluator(spark, false, inputs, TaskHook.NONE)) {
            List<Evaluation> reference = evaluator.evaluate(sets, 2); // warm-up: both executors start, load PyTorch, fetch the broadcast
            List<Double> one = new ArrayList<>();
            List<Double> two = new ArrayList<>();
            List<Double> overhead = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                one.add(time(() -> assertEquals(reference, evaluator.evaluate(sets, 1))));
                two.add(time(() -> assertEquals(reference, evaluator.evaluate(sets, 2))));
                // A job of one set per executor: what a job costs beyond scoring (scheduling, each task's decode and module).
                overhead.add(time(() -> assertEquals(reference.subList(0, 2), evaluator.evaluate(sets.subList(0, 2), 2))));
            }
            double ratio = median(one) / median(two);
            System.out.printf(Locale.ROOT, "spark scoring, %d sets: one executor %s s, two executors %s s; median speedup %.2fx (target >= 1.6x);"
                    + " a job of 2 sets on two executors %s s; load average %s%n", sets.size(), seconds(one), seconds(two), ratio,
                    seconds(overhead), loadAverage());
        } finally {
            spark.stop();
        }
    }

    /** The machine's load while measuring: on a shared 2-core machine it says whether two cores were there to have. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static List<List<String>> sets(List<String> blocks, int count) {
        List<List<String>> out = new ArrayList<>();
        for (int a = 0; a < blocks.size() && out.size() < count; a++) {
            for (int b = a + 1; b < blocks.size() && out.size() < count; b++) {
                for (int c = b + 1; c < blocks.size() && out.size() < count; c++) {
                    out.add(List.of(blocks.get(a), blocks.get(b), blocks.get(c)));
                }
            }
        }
        return out;
    }

    private static double time(Runnable job) {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String seconds(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }
}
