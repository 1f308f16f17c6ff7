package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Graph;
import dev.prune.search.DistributedEvaluators;
import dev.prune.search.LocalSupernetEvaluator;
import dev.prune.search.SupernetEvaluator;
import dev.prune.search.SupernetInputs;
import dev.prune.train.Batches;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the search scores its candidate sets: {@code runtime { executor local }} (the default) in this
 * process, {@code executor spark("MASTER")} (or {@code prune run --master MASTER}) as Spark tasks. The
 * setting is runtime-only: it leaves every stage hash alone, and either executor makes the same choice.
 */
final class SearchExecutor {

    private SearchExecutor() {
    }

    /** @param recalibration the batches each set's BatchNorm statistics are recomputed from first; null: keep the shared ones */
    static SupernetEvaluator open(RunContext context, Graph supernet, List<String> candidates, LocalSupernetEvaluator.BatchSource batches,
            LocalSupernetEvaluator.BatchSource recalibration) throws DataException, RunFailure {
        java.util.Optional<String> spark = context.plan().runtime().sparkMaster();
        if (spark.isEmpty()) {
            return new LocalSupernetEvaluator(new GraphModule(supernet, context.manager()), candidates, batches, recalibration);
        }
        String master = spark.get();
        // The same batches as a local search reads, read once here: every task recalibrates each of its sets from them.
        List<Batch> scoring = all(batches);
        List<Batch> recalibrating = recalibration == null ? List.of() : all(recalibration);
        try {
            return DistributedEvaluators.find("spark").open(master, new SupernetInputs(supernet, candidates, scoring, recalibrating));
        } catch (IllegalStateException e) {
            throw new RunFailure("search: " + e.getMessage(), e);
        }
    }

    private static List<Batch> all(LocalSupernetEvaluator.BatchSource source) throws DataException {
        List<Batch> out = new ArrayList<>();
        try (Batches pass = source.open()) {
            while (pass.hasNext()) {
                out.add(pass.next());
            }
        }
        return out;
    }
}
