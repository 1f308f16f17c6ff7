package dev.prune.spark;

import dev.prune.search.DistributedEvaluators;
import dev.prune.search.SupernetEvaluator;
import dev.prune.search.SupernetInputs;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code executor spark("MASTER")}: found by the runtime through {@link java.util.ServiceLoader}. */
public final class SparkEvaluators implements DistributedEvaluators {

    private static SparkContext current;

    @Override
    public String executor() {
        return "spark";
    }

    @Override
    public SupernetEvaluator open(String master, SupernetInputs inputs) {
        // Under spark-submit (which sets spark.master) the context and its master are spark-submit's, and outlive the search.
        // An active context (an experiment's cells') outlives the search too.
        boolean submitted = System.getProperty("spark.master") != null;
        boolean owns = !submitted && !running();
        return new SparkSupernetEvaluator(context(master), owns, inputs, TaskHook.NONE);
    }

    /**
     * The active context (under spark-submit), or a new one on {@code master}. Settings given to spark-submit
     * or as {@code -Dspark.*} properties apply; for {@code local-cluster} masters, the test and development
     * setup, the executors get this process's classpath.
     */
    static synchronized JavaSparkContext context(String master) {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.spark") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName("prune").setIfMissing("spark.ui.enabled", "false");
        if (master.startsWith("local-cluster")) {
            conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            conf.setIfMissing("spark.executor.extraJavaOptions", "-XX:+UseSerialGC -Xss4m -Dai.djl.offline=true");
        }
        current = SparkContext.getOrCreate(conf);
        return JavaSparkContext.fromSparkContext(current);
    }

    /** Whether this process runs a context {@link #context} made (an experiment's cells', which outlives each search). */
    static synchronized boolean running() {
        return current != null && !current.isStopped();
    }
}
