package dev.prune.run;

import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Graph;
import dev.prune.plan.Stage;
import dev.prune.train.Batches;
import dev.prune.train.Evaluate;
import dev.prune.train.LambdaPlan;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * An experiment's control: the trained baseline, trained on with its own optimizer and schedule (restarted)
 * for as long as the pruned variants train after it (supernet and subnet together). Without it, "the pruned
 * model beats the baseline" may only mean that it trained longer.
 */
final class LongerBaselineStage {

    private LongerBaselineStage() {
    }

    static StageDone.Baseline run(RunContext context) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("longer");
        Graph trained = context.trainedBaseline();
        try (GraphModule module = new GraphModule(trained, context.manager())) {
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, context.plan().longer().orElseThrow(), module,
                    LambdaPlan.asBuilt(), step -> LambdaPolicy.asBuilt());
            Weights.save(context.weights(stage), module);
            boolean[] correct;
            try (Batches test = Batches.of(context.data().testBatches())) {
                correct = Evaluate.correctness(module, test, LambdaPolicy.asBuilt());
            }
            TestPredictions.write(context.layout().stage(stage).resolve(TestPredictions.FILE), correct);
            context.progress().info(String.format(Locale.ROOT, "baseline trained on: test top-1 %.2f%%", 100 * TestPredictions.top1(correct)));
            return new StageDone.Baseline(outcome.lastValTop1(), TestPredictions.top1(correct), outcome.valCurve(), Optional.empty());
        }
    }
}
