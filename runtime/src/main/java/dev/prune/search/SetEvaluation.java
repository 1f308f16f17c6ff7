package dev.prune.search;

import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.train.Batches;
import dev.prune.train.BlockSampler;
import dev.prune.train.Evaluate;
import dev.prune.train.Evaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One candidate set on the supernet: its blocks at λ = 1, every other candidate at λ = 0. Local and distributed scoring both call this. */
public final class SetEvaluation {

    private SetEvaluation() {
    }

    public static Evaluation evaluate(GraphModule supernet, List<String> candidates, List<String> set, Batches batches)
            throws DataException {
        try (batches) {
            return Evaluate.run(supernet, batches, policy(candidates, set));
        }
    }

    /**
     * The same, after recomputing the BatchNorm statistics of the set's own form from {@code recalibration}
     * ({@code search.recalibrate}): statistics shared by every candidate misjudge them.
     */
    public static Evaluation evaluate(GraphModule supernet, List<String> candidates, List<String> set, Batches recalibration,
            Batches batches) throws DataException {
        try (recalibration) {
            dev.prune.train.BatchNormRecalibration.recompute(supernet, recalibration, policy(candidates, set));
        }
        return evaluate(supernet, candidates, set, batches);
    }

    private static dev.prune.engine.LambdaPolicy policy(List<String> candidates, List<String> set) {
        Map<String, Float> lambdas = new LinkedHashMap<>();
        candidates.forEach(b -> lambdas.put(b, set.contains(b) ? 1f : 0f));
        return BlockSampler.policy(lambdas);
    }
}
