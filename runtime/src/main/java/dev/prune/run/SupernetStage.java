package dev.prune.run;

import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Graph;
import dev.prune.plan.Stage;
import dev.prune.plan.TrainSpec;
import dev.prune.train.BlockSampler;
import dev.prune.train.LambdaPlan;
import java.io.IOException;
import java.util.List;

/** The supernet: every candidate block in both forms, sharing weights, trained with the declared sampler. */
final class SupernetStage {

    private SupernetStage() {
    }

    static StageDone.Supernet run(RunContext context) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("supernet");
        TrainSpec spec = context.plan().supernet().orElseThrow();
        List<String> candidates = context.plan().space().candidates();
        Graph graph = context.transform().apply(context.trainedBaseline(), candidates, 0.0);
        BlockSampler sampler = new BlockSampler(spec.sampler().orElseThrow(), candidates, context.plan().space().pruneMax(),
                context.seed(spec.seed()));
        try (GraphModule module = new GraphModule(graph, context.manager())) {
            // Validated in the baseline form (every candidate at λ = 0): the shared weights the search starts from.
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, spec, module, LambdaPlan.sampled(sampler),
                    step -> LambdaPolicy.constant(0f));
            Weights.save(context.weights(stage), module);
            return new StageDone.Supernet(outcome.lastValTop1(), candidates);
        }
    }
}
