package dev.prune.search;

import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import java.util.ArrayList;
import java.util.List;

/** Evaluates sets one after the other on a supernet module of this process. */
public final class LocalSupernetEvaluator implements SupernetEvaluator {

    /** A fresh pass over the scoring batches. */
    @FunctionalInterface
    public interface BatchSource {
        Batches open() throws DataException;
    }

    private final GraphModule supernet;
    private final List<String> candidates;
    private final BatchSource batches;
    private final BatchSource recalibration;

    public LocalSupernetEvaluator(GraphModule supernet, List<String> candidates, BatchSource batches) {
        this(supernet, candidates, batches, null);
    }

    /** @param recalibration the batches each set's BatchNorm statistics are recomputed from first, or null to keep the shared ones */
    public LocalSupernetEvaluator(GraphModule supernet, List<String> candidates, BatchSource batches, BatchSource recalibration) {
        this.supernet = supernet;
        this.candidates = List.copyOf(candidates);
        this.batches = batches;
        this.recalibration = recalibration;
    }

    @Override
    public List<Evaluation> evaluate(List<List<String>> sets) throws DataException {
        List<Evaluation> out = new ArrayList<>();
        for (List<String> set : sets) {
            out.add(recalibration == null ? SetEvaluation.evaluate(supernet, candidates, set, batches.open())
                    : SetEvaluation.evaluate(supernet, candidates, set, recalibration.open(), batches.open()));
        }
        return out;
    }

    @Override
    public String describe() {
        return "in this process";
    }

    @Override
    public void close() {
        supernet.close();
    }
}
