package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Graph;
import dev.prune.plan.Param;
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

    static SupernetEvaluator open(RunContext context, Graph supernet, List<String> candidates, LocalSupernetEvaluator.BatchSource batches)
            throws DataException, RunFailure {
        // The executor is read from the plan's shared parameters: a runtime-only call, bound nowhere else.
        Param executor = context.plan().shared().stream().filter(p -> p.path().equals("runtime.executor")).findFirst().orElse(null);
        if (executor == null || executor.call() == null || executor.call().equals("local")) {
            return new LocalSupernetEvaluator(new GraphModule(supernet, context.manager()), candidates, batches);
        }
        String master = executor.args().stream().filter(a -> a.path().endsWith("master")).map(a -> String.valueOf(a.json()))
                .findFirst().orElseThrow();
        List<Batch> scoring = new ArrayList<>();
        try (Batches pass = batches.open()) {
            while (pass.hasNext()) {
                scoring.add(pass.next());
            }
        }
        try {
            return DistributedEvaluators.find(executor.call()).open(master, new SupernetInputs(supernet, candidates, scoring));
        } catch (IllegalStateException e) {
            throw new RunFailure("search: " + e.getMessage(), e);
        }
    }
}
