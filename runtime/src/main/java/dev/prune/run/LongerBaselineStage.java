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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment's control: the trained baseline, trained on with its own optimizer and schedule (restarted)
 * for as long as the pruned variants train after it (supernet and subnet together). Without it, "the pruned
 * model beats the baseline" may only mean that it trained longer.
 */
final class LongerBaselineStage {

    private LongerBaselineStage() {
    }

    static Map<String, Object> run(RunContext context, Stage stage) throws IOException, DataException, RunFailure {
        Stage baseline = context.stage("baseline");
        Graph trained = Weights.apply(context.baseline(), Weights.read(context.layout().stage(baseline).resolve(Stages.WEIGHTS)));
        Map<String, Object> out = new LinkedHashMap<>();
        try (GraphModule module = new GraphModule(trained, context.manager())) {
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, module, LambdaPlan.asBuilt(), step -> LambdaPolicy.asBuilt());
            Weights.save(context.layout().stage(stage).resolve(Stages.WEIGHTS), module);
            boolean[] correct;
            try (Batches test = Batches.of(context.data().testBatches())) {
                correct = Evaluate.correctness(module, test, LambdaPolicy.asBuilt());
            }
            TestPredictions.write(context.layout().stage(stage).resolve(TestPredictions.FILE), correct);
            out.put("val_top1", outcome.lastValTop1());
            out.put("test_top1", TestPredictions.top1(correct));
            context.progress().info(String.format(Locale.ROOT, "baseline trained on: test top-1 %.2f%%", 100 * TestPredictions.top1(correct)));
        }
        return out;
    }
}
