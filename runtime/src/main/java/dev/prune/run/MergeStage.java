package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.plan.Stage;
import dev.prune.rewrite.MergeResult;
import dev.prune.train.Batches;
import dev.prune.train.Evaluate;
import dev.prune.verify.Logits;
import dev.prune.verify.VerificationChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The merge: each pruned block collapsed by reparameterization; checked against the λ = 1 subnet. */
final class MergeStage {

    private MergeStage() {
    }

    static StageDone.Merge run(RunContext context, List<String> chosen) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("merge");
        Graph subnet = context.trainedSubnet(chosen);
        MergeResult merged = context.merge(subnet, null);
        Path report = context.layout().stage(stage).resolve("merge-report.txt");
        Files.writeString(report, merged.report().toString());
        Batch batch = context.firstValBatch();
        double relative = Logits.relativeDifference(Logits.of(subnet, LambdaPolicy.constant(1f), batch, context.manager()),
                Logits.of(merged.graph(), LambdaPolicy.asBuilt(), batch, context.manager()));
        context.progress().info("verify: merged graph against the λ = 1 subnet, max |difference| / max |logit| " + relative);
        Optional<String> failure = VerificationChain.merged(relative, report.toString());
        if (failure.isPresent()) {
            throw new RunFailure(failure.get());
        }
        double mergedTop1;
        try (GraphModule module = new GraphModule(merged.graph(), context.manager())) {
            // Per example, for paired tests between runs (McNemar in an experiment's report).
            boolean[] correct;
            try (Batches test = Batches.of(context.data().testBatches())) {
                correct = Evaluate.correctness(module, test, LambdaPolicy.asBuilt());
            }
            TestPredictions.write(context.layout().stage(stage).resolve(TestPredictions.FILE), correct);
            mergedTop1 = TestPredictions.top1(correct);
        }
        Cost before = CostModel.of(context.baseline());
        Cost after = CostModel.of(merged.graph());
        context.progress().info(String.format(Locale.ROOT, "merged: MACs %.3f M -> %.3f M (%.2fx), layers %d -> %d, test top-1 %.2f%%",
                before.macs() / 1e6, after.macs() / 1e6, (double) before.macs() / after.macs(), before.layers(), after.layers(),
                100 * mergedTop1));
        return new StageDone.Merge(relative, mergedTop1, costs(before), costs(after));
    }

    private static StageDone.Costs costs(Cost cost) {
        return new StageDone.Costs(cost.macs(), cost.params(), cost.layers());
    }
}
