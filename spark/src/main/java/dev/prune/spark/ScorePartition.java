package dev.prune.spark;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.search.SetEvaluation;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark task: decodes the broadcast supernet and batches once, builds one module, evaluates the
 * partition's sets one after the other on it (each after recomputing its BatchNorm statistics, when the search
 * recalibrates: from zero, so a set's score does not depend on the sets the task scored before it). On an executor of its own, PyTorch gets as many intra-op
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
        ExecutorThreads.configure(task.cpus());
        SupernetInputs inputs = SupernetCodec.decode(supernet.value());
        List<ScoredSet.Output> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); GraphModule module = new GraphModule(inputs.supernet(), manager)) {
            while (sets.hasNext()) {
                ScoredSet.Input set = sets.next();
                Evaluation e = inputs.recalibration().isEmpty()
                        ? SetEvaluation.evaluate(module, inputs.candidates(), set.blocks(), Batches.of(inputs.batches()))
                        : SetEvaluation.evaluate(module, inputs.candidates(), set.blocks(), Batches.of(inputs.recalibration()),
                                Batches.of(inputs.batches()));
                out.add(new ScoredSet.Output(set.index(), e.top1(), e.meanLoss(), e.examples()));
            }
        }
        return out.iterator();
    }
}
