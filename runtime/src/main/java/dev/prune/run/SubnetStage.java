package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.plan.Stage;
import dev.prune.plan.TrainSpec;
import dev.prune.report.PrunedAtOnce;
import dev.prune.train.BatchNormRecalibration;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import dev.prune.train.LambdaPlan;
import dev.prune.train.LambdaSchedule;
import dev.prune.verify.Logits;
import dev.prune.verify.VerificationChain;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The subnet: the chosen blocks move from their baseline form to their pruned form as λ goes from 0 to 1,
 * starting from the supernet's weights (or the baseline's). Before training, the first link of the
 * verification chain: at λ = 0 the subnet computes the baseline.
 */
final class SubnetStage {

    private SubnetStage() {
    }

    static StageDone.Subnet run(RunContext context, List<String> chosen) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("subnet");
        // `init`: the planner made the stage the subnet starts from its input (the supernet, or the baseline with init baseline or no supernet).
        String init = stage.inputs().contains("supernet") ? "supernet" : "baseline";
        Map<String, Tensor> start = Weights.read(context.weights(context.stage(init)));
        Graph subnet = Weights.apply(context.transform().apply(context.baseline(), chosen, 0.0), start);
        Graph reference = Weights.apply(context.baseline(), start);
        Batch batch = context.firstValBatch();
        double lambda0 = Logits.relativeDifference(Logits.of(reference, LambdaPolicy.asBuilt(), batch, context.manager()),
                Logits.of(subnet, LambdaPolicy.constant(0f), batch, context.manager()));
        context.progress().info("verify: subnet at λ = 0 against the baseline, max |difference| / max |logit| " + lambda0);
        Optional<String> failure = VerificationChain.lambda0(lambda0);
        if (failure.isPresent()) {
            throw new RunFailure(failure.get());
        }
        PrunedAtOnce atOnce = prunedAtOnce(context, subnet);
        TrainSpec spec = context.plan().subnet();
        LambdaSchedule schedule = LambdaSchedule.of(spec.progression().orElseThrow(), context.data().trainBatchesPerEpoch());
        try (GraphModule module = new GraphModule(subnet, context.manager())) {
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, spec, module, LambdaPlan.progressive(schedule),
                    step -> LambdaPolicy.constant(schedule.lambda(step)));
            Weights.save(context.weights(stage), module);
            Evaluation test = context.evaluate(module, context.data().testBatches(), LambdaPolicy.constant(1f));
            context.progress().info(String.format(Locale.ROOT, "subnet (λ = 1) test top-1 %.2f%%", 100 * test.top1()));
            return new StageDone.Subnet(init, lambda0, Optional.of(atOnce), outcome.lastValTop1(), test.top1());
        }
    }

    /**
     * How far pruning at once drops: the chosen set at λ = 1 from the weights the subnet starts from, before any
     * subnet training, its BatchNorm statistics recomputed first on the batches the search recalibrates each
     * candidate on (kept as they are when the search keeps the shared ones). Measured here rather than in the
     * search because it depends on {@code init}: from the baseline's weights it is direct pruning without
     * training, from the supernet's the search's own measure on the whole validation and test splits. In a
     * module of its own, so that the recomputed statistics never reach the subnet's training.
     */
    static PrunedAtOnce prunedAtOnce(RunContext context, Graph start) throws DataException {
        int batches = context.plan().search().recalibrate().orElse(0);
        LambdaPolicy pruned = LambdaPolicy.constant(1f);
        try (GraphModule module = new GraphModule(start, context.manager())) {
            int used = 0;
            if (batches > 0) {
                try (Batches recalibration = context.recalibrationBatches(batches)) {
                    used = BatchNormRecalibration.recompute(module, recalibration, pruned);
                }
            }
            double val = context.evaluate(module, context.data().valBatches(), pruned).top1();
            double test = context.evaluate(module, context.data().testBatches(), pruned).top1();
            context.progress().info(String.format(Locale.ROOT, "pruned at once (λ = 1 before training%s): val top-1 %.2f%%, test top-1 %.2f%%",
                    used > 0 ? ", BatchNorm recalibrated on " + used + " batches" : "", 100 * val, 100 * test));
            return new PrunedAtOnce(val, test, used);
        }
    }
}
