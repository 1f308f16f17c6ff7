package dev.prune.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.spark.SparkEnv;

/**
 * PyTorch's threads in a task. On an executor of its own, {@code threads} intra-op threads (the task's cores
 * unless the recipe says otherwise) and one inter-op thread, so that tasks on one machine do not oversubscribe
 * it. In local mode the tasks share the driver's process, whose setting ({@code runtime threads}) stays.
 */
final class ExecutorThreads {

    private ExecutorThreads() {
    }

    /** Whether this task runs in an executor process of its own (not in the driver, as in {@code local[N]}). */
    static boolean ownProcess() {
        return SparkEnv.get() != null && !SparkEnv.get().executorId().equals("driver");
    }

    static synchronized void configure(int threads) {
        if (!ownProcess()) {
            return;
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }
}
