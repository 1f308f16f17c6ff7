package dev.prune.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.search.SetEvaluation;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark task: decodes the broadcast supernet and scoring batches once, builds one module, evaluates the
 * partition's sets one after the other on it. On an executor of its own, PyTorch gets as many intra-op
 * threads as the task has cores ({@code spark.task.cpus}), so tasks on one machine do not oversubscribe it.
 */
final class ScorePartition implements FlatMapFunction<Iterator<ScoredSet.Input>, ScoredSet.Output> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> supernet;
    private final TaskHook hook;

    ScorePartition(Broadcast<byte[]> supernet, TaskHook hook) {
        this.supernet = supernet;
        this.hook = hook;
    }

    @Override
    public Iterator<ScoredSet.Output> call(Iterator<ScoredSet.Input> sets) throws DataException {
        TaskContext task = TaskContext.get();
        hook.beforeScoring(task.partitionId(), task.attemptNumber());
        configureThreads(task.cpus());
        SupernetInputs inputs = SupernetCodec.decode(supernet.value());
        List<ScoredSet.Output> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); GraphModule module = new GraphModule(inputs.supernet(), manager)) {
            while (sets.hasNext()) {
                ScoredSet.Input set = sets.next();
                Evaluation e = SetEvaluation.evaluate(module, inputs.candidates(), set.blocks(), Batches.of(inputs.batches()));
                out.add(new ScoredSet.Output(set.index(), e.top1(), e.meanLoss(), e.examples()));
            }
        }
        return out.iterator();
    }

    /**
     * In an executor process, one intra-op thread per task core. In local mode the tasks share the driver's
     * process, whose thread setting ({@code runtime threads}) stays as the run set it.
     */
    private static synchronized void configureThreads(int cpus) {
        if (SparkEnv.get() == null || SparkEnv.get().executorId().equals("driver")) {
            return;
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cpus));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != cpus) {
            JniUtils.setNumThreads(cpus);
        }
    }
}
