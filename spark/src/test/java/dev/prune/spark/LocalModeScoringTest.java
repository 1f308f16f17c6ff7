package dev.prune.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark's local mode: the tasks are threads of this process. */
class LocalModeScoringTest {

    @BeforeAll
    static void oneThread() {
        ScoringChecks.oneThread();
    }

    @Test
    void tasksInThisProcessChooseAsTheLocalSearch() {
        JavaSparkContext spark = SparkEvaluators.context("local[2]");
        try {
            ScoringChecks.assertSameAsLocal(spark, TaskHook.NONE);
        } finally {
            spark.stop();
        }
    }
}
