package dev.prune.run;

import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.plan.Stage;
import dev.prune.plan.TrainSpec;
import dev.prune.train.Evaluation;
import dev.prune.train.LambdaPlan;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** The baseline: trained from the seed (or fine-tuned from imported weights), or taken as imported; its weights saved. */
final class BaselineStage {

    private BaselineStage() {
    }

    static StageDone.Baseline run(RunContext context) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("baseline");
        Optional<TrainSpec> training = context.plan().baseline();
        try (GraphModule module = new GraphModule(context.baseline(), context.manager())) {
            TrainingStage.Outcome trained = training.isPresent()
                    ? TrainingStage.train(context, stage, training.get(), module, LambdaPlan.asBuilt(), step -> LambdaPolicy.asBuilt())
                    : null;
            double valTop1 = trained != null ? trained.lastValTop1()
                    : context.evaluate(module, context.data().valBatches(), LambdaPolicy.asBuilt()).top1();
            Weights.save(context.weights(stage), module);
            Evaluation test = context.evaluate(module, context.data().testBatches(), LambdaPolicy.asBuilt());
            context.progress().info(String.format(Locale.ROOT, "baseline test top-1 %.2f%%", 100 * test.top1()));
            if (trained == null) {
                return StageDone.Baseline.imported(valTop1, test.top1());
            }
            // With a stopping rule the curve says where it stopped and why; without one there is nothing to hold.
            Optional<Boolean> converged = training.get().until().isPresent() ? Optional.of(trained.converged()) : Optional.empty();
            return new StageDone.Baseline(valTop1, test.top1(), trained.valCurve(), converged);
        }
    }
}
