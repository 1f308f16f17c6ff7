package dev.prune.run;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.data.BatchLoader;
import dev.prune.data.DataException;
import dev.prune.data.Dataset;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Graph;
import dev.prune.plan.Plan;
import dev.prune.plan.Stage;
import dev.prune.report.EpochRecord;
import dev.prune.report.JsonlReader;
import dev.prune.report.MetricLine;
import dev.prune.rewrite.MergeResult;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import dev.prune.train.Batches;
import dev.prune.train.Evaluate;
import dev.prune.train.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every stage of one run shares: the plan, where files go, the data, the device, the model, and the
 * models earlier stages left in their folders (read from there, so a reused stage and a fresh one look the
 * same to what follows), and the provenance the export carries.
 */
record RunContext(Plan plan, RunLayout layout, Dataset data, RuntimeSettings settings, NDManager manager, Progress progress,
        Graph baseline, Transform transform, MergeRules rules, Map<String, String> provenance) {

    private static final String WEIGHTS = "weights.bin";

    long seed() {
        return plan.seed();
    }

    /**
     * The seed of one stage: its own ({@code train subnet seed 2}, {@code search seed 2}) where the recipe or an
     * experiment gives one, else the recipe's. A stage's own seed is in its hash, never in an earlier stage's.
     */
    long seed(java.util.OptionalLong own) {
        return own.orElse(seed());
    }

    Stage stage(String name) {
        return plan.stage(name).orElseThrow(() -> new IllegalStateException("the plan has no stage " + name));
    }

    boolean has(String name) {
        return plan.stage(name).isPresent();
    }

    /** A stage's trained weights. */
    Path weights(Stage stage) {
        return layout.stage(stage).resolve(WEIGHTS);
    }

    /** Where the export is published. */
    Path exportPath() {
        return Path.of(plan.export().onnx());
    }

    Graph trainedBaseline() throws IOException {
        return Weights.apply(baseline, Weights.read(weights(stage("baseline"))));
    }

    /** The trained subnet, structure rebuilt from the baseline and the chosen blocks, at λ = 1. */
    Graph trainedSubnet(List<String> chosen) throws IOException {
        Graph structure = transform.apply(baseline, chosen, 1.0);
        return Weights.apply(structure, Weights.read(weights(stage("subnet"))));
    }

    /** The graph's blocks pruned ({@code blocks}, or those its Blends name when null), frozen at λ = 1 and merged. */
    MergeResult merge(Graph graph, List<String> blocks) {
        Graph transformed = blocks == null ? Transform.withLambda(graph, 1.0) : transform.apply(graph, blocks, 1.0);
        return rules.merge(Transform.freeze(transformed));
    }

    Evaluation evaluate(GraphModule module, BatchLoader loader, LambdaPolicy policy) throws DataException {
        return evaluate(module, Batches.of(loader), policy);
    }

    Evaluation evaluate(GraphModule module, Batches batches, LambdaPolicy policy) throws DataException {
        try (batches) {
            return Evaluate.run(module, batches, policy);
        }
    }

    /**
     * The training batches the search recomputes each candidate's BatchNorm statistics from
     * ({@code search.recalibrate N batches}): the first {@code count} of epoch 1 under the search's seed. The
     * subnet's λ = 1 diagnostic recalibrates on the same, so that it measures a set as the search did.
     */
    Batches recalibrationBatches(int count) {
        return Batches.of(data.trainBatches(1, seed(plan.search().seed()))).first(count);
    }

    /** The first validation batch: the inputs the verification chain compares models on. */
    Batch firstValBatch() throws DataException {
        try (BatchLoader loader = data.valBatches()) {
            return loader.next();
        }
    }

    /** The epoch lines a stage has written so far (a resumed stage continues its log). */
    List<EpochRecord> readMetrics(Stage stage) {
        List<EpochRecord> out = new ArrayList<>();
        if (Files.exists(layout.metrics(stage))) {
            for (MetricLine line : JsonlReader.readMetrics(layout.metrics(stage)).records()) {
                if (line instanceof EpochRecord record) {
                    out.add(record);
                }
            }
        }
        return out;
    }
}
