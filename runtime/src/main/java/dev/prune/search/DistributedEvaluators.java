package dev.prune.search;

import java.util.ServiceLoader;

/**
 * Opens a {@link SupernetEvaluator} on a cluster. The core runtime has none: the Spark module provides one
 * through {@link java.util.ServiceLoader}, so Spark's jars are needed only when a run asks for a cluster.
 */
public interface DistributedEvaluators {

    /** The executor family this provider serves ({@code spark}). */
    String executor();

    /** An evaluator on the cluster at {@code master}; each task uses as many intra-op threads as it has cores. */
    SupernetEvaluator open(String master, SupernetInputs inputs);

    /** The provider for {@code executor}, or an error a user can act on. */
    static DistributedEvaluators find(String executor) {
        return find(DistributedEvaluators.class, DistributedEvaluators::executor, executor);
    }

    /** The {@code service} provider that serves {@code executor} (scoring, an experiment's cells), or an error a user can act on. */
    static <T> T find(Class<T> service, java.util.function.Function<T, String> executorOf, String executor) {
        for (T provider : ServiceLoader.load(service)) {
            if (executorOf.apply(provider).equals(executor)) {
                return provider;
            }
        }
        throw new IllegalStateException("'executor " + executor + "(...)' needs the prune-spark module and Spark's jars on the"
                + " classpath; ./prune adds them when the spec or --master asks for Spark (run it through ./prune, or see docs/spark.md)");
    }
}
