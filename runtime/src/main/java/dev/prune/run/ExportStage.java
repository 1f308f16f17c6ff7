package dev.prune.run;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.data.BatchLoader;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import dev.prune.ir.Graph;
import dev.prune.onnx.OnnxExporter;
import dev.prune.plan.ExportPlan;
import dev.prune.plan.Stage;
import dev.prune.report.Latency;
import dev.prune.verify.BenchResult;
import dev.prune.verify.LatencyBenchmark;
import dev.prune.verify.Logits;
import dev.prune.verify.OrtModel;
import dev.prune.verify.VerificationChain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The export: the merged graph written as ONNX into the stage folder and published at the spec's path,
 * verified in ONNX Runtime against the merged graph (logits, then test top-1), and benchmarked against the
 * baseline. The stage folder keeps its copy, so that a published file that went missing or was changed
 * can be restored from it.
 */
final class ExportStage {

    /** The stage folder's copy of the export. */
    static final String COPY = "model.onnx";

    private ExportStage() {
    }

    static StageDone.Export run(RunContext context, List<String> chosen, StageDone.Merge merge) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("export");
        ExportPlan plan = context.plan().export();
        Graph merged = context.merge(context.trainedSubnet(chosen), null).graph();
        Path copy = context.layout().stage(stage).resolve(COPY);
        OnnxExporter.write(merged, copy, context.provenance());
        // The baseline as ONNX Runtime would best run it: BatchNorm folded as in the merged model, nothing pruned.
        Path baselineOnnx = context.layout().stage(stage).resolve("baseline.onnx");
        OnnxExporter.write(context.merge(context.trainedBaseline(), List.of()).graph(), baselineOnnx);
        double difference = 0;
        long correct = 0;
        long examples = 0;
        try (OrtModel ort = new OrtModel(copy, context.settings().provider(), context.settings().threads());
                GraphModule module = new GraphModule(merged, context.manager())) {
            BatchArrays arrays = new BatchArrays();
            try (BatchLoader test = context.data().testBatches()) {
                while (test.hasNext()) {
                    Batch batch = test.next();
                    float[][] logits = ort.run(batch.images(), batch.shape());
                    if (examples == 0) {
                        try (NDManager step = context.manager().newSubManager()) {
                            float[] djl = module.forward(step, arrays.images(batch, step), Mode.EVAL, LambdaPolicy.asBuilt()).toFloatArray();
                            difference = Logits.maxAbs(Logits.flatten(logits), djl);
                        }
                    }
                    for (int i = 0; i < logits.length; i++) {
                        correct += Logits.argmax(logits[i]) == batch.labels()[i] ? 1 : 0;
                    }
                    examples += logits.length;
                }
            }
        }
        context.progress().info("verify: ONNX Runtime against the merged graph, max |difference| " + difference + " (atol " + plan.atol() + ")");
        fail(VerificationChain.onnx(difference, plan.atol()));
        double onnxTop1 = (double) correct / examples;
        fail(VerificationChain.top1(onnxTop1, merge.mergedTop1()));
        context.progress().info(String.format(Locale.ROOT, "ONNX Runtime test top-1 %.2f%% (merged model in DJL: %.2f%%)",
                100 * onnxTop1, 100 * merge.mergedTop1()));
        BenchResult bench = LatencyBenchmark.run(baselineOnnx, copy, plan.benchBatches(), plan.runs(), context.settings().provider().toString(),
                context.settings().threads());
        context.progress().info("latency (ONNX Runtime, baseline vs merged):\n" + bench.toTable().strip().indent(6).stripTrailing());
        Path published = context.exportPath();
        String sha256 = Published.publish(copy, published);
        return new StageDone.Export(published.toString(), sha256, plan.atol(), difference, onnxTop1, Latency.from(bench));
    }

    private static void fail(Optional<String> failure) throws RunFailure {
        if (failure.isPresent()) {
            throw new RunFailure(failure.get());
        }
    }
}
