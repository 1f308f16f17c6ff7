package dev.prune.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.data.BatchLoader;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.lang.Value;
import dev.prune.onnx.OnnxExporter;
import dev.prune.plan.Stage;
import dev.prune.report.Candidate;
import dev.prune.report.MetricsLog;
import dev.prune.rewrite.MergeResult;
import dev.prune.rewrite.Transform;
import dev.prune.search.BlockCost;
import dev.prune.search.Budget;
import dev.prune.search.Search;
import dev.prune.search.SearchResult;
import dev.prune.search.SearchSpace;
import dev.prune.train.Batches;
import dev.prune.train.BatchNormRecalibration;
import dev.prune.train.BlockSampler;
import dev.prune.train.Evaluate;
import dev.prune.train.Evaluation;
import dev.prune.train.LambdaPlan;
import dev.prune.train.LambdaSchedule;
import dev.prune.train.TrainSpec;
import dev.prune.verify.BenchResult;
import dev.prune.verify.LatencyBenchmark;
import dev.prune.verify.OrtModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each kind of stage does. Each reads the outputs of earlier stages from their folders (so a reused
 * stage and a fresh one look the same to what follows), and returns the values its {@code done.json} keeps.
 */
final class Stages {

    /**
     * At λ = 0 the transformed graph computes the baseline's function. It is bit-identical where the
     * structure is (ConvNeXt, DeiT); where the transform moved a block's zero padding to its entry (ResNet,
     * MobileNetV2) the convolutions run on other shapes, and PyTorch may pick kernels that round differently.
     */
    static final double LAMBDA0_TOLERANCE = 1e-5;

    /** Merging is exact algebra: the merged graph must equal the λ = 1 subnet to this relative error. */
    static final double MERGE_TOLERANCE = 1e-5;
    /** ONNX Runtime's top-1 on the test split must equal the merged model's within this many points. */
    static final double TOP1_TOLERANCE_POINTS = 0.1;
    static final String WEIGHTS = "weights.bin";

    private final RunContext context;

    Stages(RunContext context) {
        this.context = context;
    }

    // ------------------------------------------------------------------ baseline

    Map<String, Object> baseline() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("baseline");
        Map<String, Object> out = new LinkedHashMap<>();
        try (GraphModule module = new GraphModule(context.baseline(), context.manager())) {
            if (context.plan().stage("baseline").orElseThrow().kind() == dev.prune.plan.StageKind.TRAIN_BASELINE) {
                TrainingStage.Outcome outcome = TrainingStage.train(context, stage, module, LambdaPlan.asBuilt(), step -> LambdaPolicy.asBuilt());
                out.put("val_top1", outcome.lastValTop1());
            } else {
                out.put("val_top1", evaluate(module, context.data().valBatches(), LambdaPolicy.asBuilt()).top1());
            }
            Weights.save(weightsOf(stage), module);
            Evaluation test = evaluate(module, context.data().testBatches(), LambdaPolicy.asBuilt());
            out.put("test_top1", test.top1());
            context.progress().info(String.format(Locale.ROOT, "baseline test top-1 %.2f%%", 100 * test.top1()));
        }
        return out;
    }

    // ------------------------------------------------------------------ supernet

    Map<String, Object> supernet() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("supernet");
        List<String> candidates = candidates(stage);
        Graph graph = context.transform().apply(trainedBaseline(), candidates, 0.0);
        TrainSpec spec = TrainSpec.from(stage.params(), stage.name());
        BlockSampler sampler = new BlockSampler(spec.sampler().orElseThrow(), candidates, (int) pruneRange(stage).high(),
                context.seed(stage, "train.supernet.seed"));
        Map<String, Object> out = new LinkedHashMap<>();
        try (GraphModule module = new GraphModule(graph, context.manager())) {
            // Validated in the baseline form (every candidate at λ = 0): the shared weights the search starts from.
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, module, LambdaPlan.sampled(sampler),
                    step -> LambdaPolicy.constant(0f));
            Weights.save(weightsOf(stage), module);
            out.put("val_top1", outcome.lastValTop1());
        }
        out.put("candidates", candidates);
        return out;
    }

    // ------------------------------------------------------------------ search

    Map<String, Object> search() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("search");
        List<String> candidates = candidates(stage);
        Graph graph = context.transform().apply(trainedBaseline(), candidates, 0.0);
        if (context.has("supernet")) {
            graph = Weights.apply(graph, Weights.read(weightsOf(context.stage("supernet"))));
        }
        List<Value.Cond> latencyBounds = LatencyBudget.bounds((Value.Lst) stage.value("space.prune.where"));
        LatencyBudget latency = null;
        if (!latencyBounds.isEmpty()) {
            Graph baselineWeights = trainedBaseline();
            Batch sample;
            try (BatchLoader val = context.data().valBatches()) {
                sample = val.next();
            }
            latency = new LatencyBudget(latencyBounds, blocks -> merge(baselineWeights, blocks).graph(), context.settings().provider(),
                    sample, Files.createDirectories(context.layout().stage(stage).resolve("latency")));
            context.progress().info("latency budget " + latency.describe() + ": each set within the other budgets is merged and timed"
                    + " in ONNX Runtime at batch 1");
        }
        SearchSpace space = CostMatch.restrict(searchSpace(stage, candidates, latency), stage, context);
        String strategy = ((Value.Sym) stage.value("search")).name();
        boolean byLoss = ((Value.Sym) stage.value("search.score")).name().equals("loss");
        Value batchLimit = stage.value("search.batches");
        int maxBatches = batchLimit instanceof Value.Num n ? (int) n.value() : Integer.MAX_VALUE;
        Value recalibrate = stage.value("search.recalibrate");
        int recalibrationBatches = recalibrate instanceof Value.Num n ? (int) n.value() : 0;
        long seed = context.seed(stage, "search.seed");
        context.progress().info(candidates.size() + " candidate blocks, " + space.size() + " possible sets; strategy " + strategy);
        SearchResult result;
        Map<List<String>, Double> top1 = new LinkedHashMap<>();
        Map<List<String>, Long> examples = new LinkedHashMap<>();
        try (GraphModule module = new GraphModule(graph, context.manager())) {
            dev.prune.search.Scorer scorer = blocks -> {
                Map<String, Float> lambdas = new LinkedHashMap<>();
                candidates.forEach(b -> lambdas.put(b, blocks.contains(b) ? 1f : 0f));
                try {
                    if (recalibrationBatches > 0) {
                        // The same training batches for every candidate (epoch 1 of the search's seed): a fair comparison.
                        BatchNormRecalibration.recompute(module, limit(context.data().trainBatches(1, seed), recalibrationBatches),
                                BlockSampler.policy(lambdas));
                    }
                    Evaluation evaluation = evaluate(module, limit(context.data().valBatches(), maxBatches), BlockSampler.policy(lambdas));
                    examples.put(blocks, evaluation.examples());
                    top1.put(blocks, evaluation.top1());
                    return byLoss ? -evaluation.meanLoss() : evaluation.top1();
                } catch (DataException e) {
                    throw new IllegalStateException(e);
                }
            };
            try {
                result = switch (strategy) {
                    case "exhaustive" -> Search.exhaustive(space, scorer);
                    case "random" -> Search.random(space, scorer, intValue(stage, "search.population", 16), seed);
                    default -> Search.evolution(space, scorer, intValue(stage, "search.population", 16),
                            intValue(stage, "search.generations", 6), ((Value.Num) stage.value("search.mutation")).value(), seed);
                };
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof DataException data) {
                    throw data;
                }
                throw new RunFailure("search: " + e.getMessage(), e);
            }
        }
        try (MetricsLog log = MetricsLog.open(context.layout().stage(stage).resolve("candidates.jsonl"))) {
            for (dev.prune.search.Candidate c : result.scored()) {
                Double ms = latency == null ? null : latency.latencyMs(c.blocks());
                log.append(new Candidate(c.blocks(), c.macs(), c.params(), top1.get(c.blocks()), ms, c.equals(result.best())));
            }
        }
        double bestTop1 = top1.get(result.best().blocks());
        long scoredOn = examples.get(result.best().blocks());
        // The binomial standard error of a top-1 measured on n examples: how far apart two scores must be to mean anything.
        double standardError = Math.sqrt(bestTop1 * (1 - bestTop1) / scoredOn);
        context.progress().info(String.format(Locale.ROOT,
                "%d sets scored; chosen %s (val top-1 %.2f%% ± %.2f points (standard error) on %d of %d validation examples%s, "
                        + "%.1f%% of the baseline's MACs)",
                result.scored().size(), result.best().blocks(), 100 * bestTop1, 100 * standardError, scoredOn, context.data().valSize(),
                recalibrationBatches > 0 ? ", BatchNorm recalibrated on " + recalibrationBatches + " batches" : "",
                100.0 * result.best().macs() / space.baselineMacs()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chosen", result.best().blocks());
        out.put("score_top1", bestTop1);
        out.put("score_examples", scoredOn);
        out.put("score_standard_error", standardError);
        out.put("val_examples", context.data().valSize());
        out.put("chosen_macs", result.best().macs());
        out.put("scored", result.scored().size());
        return out;
    }

    private SearchSpace searchSpace(Stage stage, List<String> candidates, LatencyBudget latency) throws RunFailure {
        Graph shapes;
        try {
            shapes = Models.shapesOnly(context.plan());
        } catch (RunSetupException e) {
            throw new RunFailure(e.getMessage(), e);
        }
        // Folding BatchNorm everywhere changes the cost of the whole graph; savings are taken against the
        // merge of the unpruned graph, so that each block's saving counts only what pruning it removes.
        Cost reference = CostModel.of(merge(shapes, List.of()).graph());
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (String block : candidates) {
            Cost merged = CostModel.of(merge(shapes, List.of(block)).graph());
            costs.put(block, new BlockCost(block, reference.macs(), merged.macs(), reference.params(), merged.params()));
        }
        List<Budget> budgets = new ArrayList<>();
        for (Value item : ((Value.Lst) stage.value("space.prune.where")).items()) {
            Value.Cond cond = (Value.Cond) item;
            if (!cond.metric().equals("latency")) {
                boolean inclusive = cond.op() == dev.prune.lang.Comparison.Operator.AT_MOST;
                budgets.add(new Budget(cond.metric().equals("macs") ? Budget.Metric.MACS : Budget.Metric.PARAMS, cond.bound().value(), inclusive));
            }
        }
        Value.Rng range = pruneRange(stage);
        return new SearchSpace(candidates, (int) range.low(), (int) range.high(), reference.macs(), reference.params(), costs, budgets,
                latency == null ? blocks -> true : latency);
    }

    // ------------------------------------------------------------------ subnet

    Map<String, Object> subnet() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("subnet");
        List<String> chosen = chosen();
        // `init`: the planner made the stage the subnet starts from its input (the baseline unless init supernet).
        Map<String, Tensor> start = stage.inputs().contains("supernet") ? Weights.read(weightsOf(context.stage("supernet")))
                : Weights.read(weightsOf(context.stage("baseline")));
        Graph subnet = Weights.apply(context.transform().apply(context.baseline(), chosen, 0.0), start);
        Graph reference = Weights.apply(context.baseline(), start);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("init", stage.inputs().contains("supernet") ? "supernet" : "baseline");
        double lambda0 = relativeDifference(reference, LambdaPolicy.asBuilt(), subnet, LambdaPolicy.constant(0f));
        out.put("lambda0_vs_baseline", lambda0);
        context.progress().info("verify: subnet at λ = 0 against the baseline, max |difference| / max |logit| " + lambda0);
        if (!(lambda0 <= LAMBDA0_TOLERANCE)) {
            throw new RunFailure("verification failed: the subnet at λ = 0 differs from the baseline by " + lambda0
                    + " (relative), above " + LAMBDA0_TOLERANCE + "; the transform must leave the baseline unchanged at λ = 0");
        }
        TrainSpec spec = TrainSpec.from(stage.params(), stage.name());
        LambdaSchedule schedule = LambdaSchedule.of(spec.progression().orElseThrow(), context.data().trainBatchesPerEpoch());
        try (GraphModule module = new GraphModule(subnet, context.manager())) {
            TrainingStage.Outcome outcome = TrainingStage.train(context, stage, module, LambdaPlan.progressive(schedule),
                    step -> LambdaPolicy.constant(schedule.lambda(step)));
            Weights.save(weightsOf(stage), module);
            Evaluation test = evaluate(module, context.data().testBatches(), LambdaPolicy.constant(1f));
            out.put("val_top1", outcome.lastValTop1());
            out.put("test_top1", test.top1());
            context.progress().info(String.format(Locale.ROOT, "subnet (λ = 1) test top-1 %.2f%%", 100 * test.top1()));
        }
        return out;
    }

    // ------------------------------------------------------------------ merge

    Map<String, Object> merge() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("merge");
        Graph subnet = trainedSubnet();
        MergeResult merged = merge(subnet, null);
        Files.writeString(context.layout().stage(stage).resolve("merge-report.txt"), merged.report().toString());
        double relative = relativeDifference(subnet, LambdaPolicy.constant(1f), merged.graph());
        context.progress().info("verify: merged graph against the λ = 1 subnet, max |difference| / max |logit| " + relative);
        if (!(relative <= MERGE_TOLERANCE)) {
            throw new RunFailure("verification failed: the merged graph differs from the λ = 1 subnet by " + relative
                    + " (relative), above " + MERGE_TOLERANCE + "; see " + context.layout().stage(stage).resolve("merge-report.txt"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("merged_vs_subnet", relative);
        try (GraphModule module = new GraphModule(merged.graph(), context.manager())) {
            // Per example, for paired tests between runs (McNemar in an experiment's report).
            boolean[] correct;
            try (Batches test = Batches.of(context.data().testBatches())) {
                correct = Evaluate.correctness(module, test, LambdaPolicy.asBuilt());
            }
            TestPredictions.write(context.layout().stage(stage).resolve(TestPredictions.FILE), correct);
            out.put("merged_top1", TestPredictions.top1(correct));
        }
        Cost before = CostModel.of(context.baseline());
        Cost after = CostModel.of(merged.graph());
        out.put("macs_baseline", before.macs());
        out.put("params_baseline", before.params());
        out.put("layers_baseline", before.layers());
        out.put("macs_merged", after.macs());
        out.put("params_merged", after.params());
        out.put("layers_merged", after.layers());
        context.progress().info(String.format(Locale.ROOT, "merged: MACs %.3f M -> %.3f M (%.2fx), layers %d -> %d, test top-1 %.2f%%",
                before.macs() / 1e6, after.macs() / 1e6, (double) before.macs() / after.macs(), before.layers(), after.layers(),
                100 * ((Number) out.get("merged_top1")).doubleValue()));
        return out;
    }

    // ------------------------------------------------------------------ export

    Map<String, Object> export() throws IOException, DataException, RunFailure {
        Stage stage = context.stage("export");
        Graph merged = merge(trainedSubnet(), null).graph();
        Path onnx = Path.of(((Value.Str) ((Value.Fn) stage.value("export")).arg("path")).value());
        OnnxExporter.write(merged, onnx);
        // The baseline as ONNX Runtime would best run it: BatchNorm folded as in the merged model, nothing pruned.
        Path baselineOnnx = context.layout().stage(stage).resolve("baseline.onnx");
        OnnxExporter.write(merge(trainedBaseline(), List.of()).graph(), baselineOnnx);
        double atol = ((Value.Num) stage.value("export.verify.atol")).value();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("onnx", onnx.toString());
        out.put("atol", atol);
        try (OrtModel ort = new OrtModel(onnx, context.settings().provider());
                GraphModule module = new GraphModule(merged, context.manager())) {
            double difference = 0;
            long correct = 0;
            long examples = 0;
            BatchArrays arrays = new BatchArrays();
            try (BatchLoader test = context.data().testBatches()) {
                while (test.hasNext()) {
                    Batch batch = test.next();
                    float[][] logits = ort.run(batch.images(), batch.shape());
                    if (examples == 0) {
                        try (NDManager step = context.manager().newSubManager()) {
                            float[] djl = module.forward(step, arrays.images(batch, step), Mode.EVAL, LambdaPolicy.asBuilt()).toFloatArray();
                            difference = maxAbs(flatten(logits), djl);
                        }
                    }
                    for (int i = 0; i < logits.length; i++) {
                        correct += argmax(logits[i]) == batch.labels()[i] ? 1 : 0;
                    }
                    examples += logits.length;
                }
            }
            out.put("onnx_vs_merged", difference);
            context.progress().info("verify: ONNX Runtime against the merged graph, max |difference| " + difference + " (atol " + atol + ")");
            if (!(difference <= atol)) {
                throw new RunFailure("verification failed: ONNX Runtime's logits differ from the merged graph's by " + difference
                        + ", above the spec's atol " + atol);
            }
            double onnxTop1 = (double) correct / examples;
            out.put("onnx_top1", onnxTop1);
            Map<String, Object> mergeDone = dev.prune.report.JsonReader.parseObject(Files.readString(context.layout().done(context.stage("merge"))));
            double mergedTop1 = ((Number) mergeDone.get("merged_top1")).doubleValue();
            if (Math.abs(onnxTop1 - mergedTop1) * 100 > TOP1_TOLERANCE_POINTS) {
                throw new RunFailure(String.format(Locale.ROOT, "verification failed: ONNX Runtime's test top-1 %.2f%% differs from the merged"
                        + " model's %.2f%% by more than %.1f point", 100 * onnxTop1, 100 * mergedTop1, TOP1_TOLERANCE_POINTS));
            }
            context.progress().info(String.format(Locale.ROOT, "ONNX Runtime test top-1 %.2f%% (merged model in DJL: %.2f%%)",
                    100 * onnxTop1, 100 * mergedTop1));
        }
        List<Integer> batches = ((Value.Lst) stage.value("export.bench.batch")).items().stream()
                .map(v -> (int) ((Value.Num) v).value()).toList();
        int runs = (int) ((Value.Num) stage.value("export.runs")).value();
        BenchResult bench = LatencyBenchmark.run(baselineOnnx, onnx, batches, runs, context.settings().provider().toString());
        out.put("latency_ms", dev.prune.report.Latency.from(bench).toJson());
        context.progress().info("latency (ONNX Runtime, baseline vs merged):\n" + bench.toTable().strip().indent(6).stripTrailing());
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Graph trainedBaseline() throws IOException {
        return Weights.apply(context.baseline(), Weights.read(weightsOf(context.stage("baseline"))));
    }

    /** The trained subnet, structure rebuilt from the baseline and the chosen blocks, at λ = 1. */
    private Graph trainedSubnet() throws IOException {
        Graph structure = context.transform().apply(context.baseline(), chosen(), 1.0);
        return Weights.apply(structure, Weights.read(weightsOf(context.stage("subnet"))));
    }

    /** The graph's blocks pruned ({@code blocks}, or those its Blends name when null), frozen at λ = 1 and merged. */
    private MergeResult merge(Graph graph, List<String> blocks) {
        Graph transformed = blocks == null ? Transform.withLambda(graph, 1.0) : context.transform().apply(graph, blocks, 1.0);
        return context.rules().merge(Transform.freeze(transformed));
    }

    @SuppressWarnings("unchecked")
    private List<String> chosen() throws IOException {
        Map<String, Object> done = dev.prune.report.JsonReader.parseObject(Files.readString(context.layout().done(context.stage("search"))));
        return (List<String>) done.get("chosen");
    }

    private Path weightsOf(Stage stage) {
        return context.layout().stage(stage).resolve(WEIGHTS);
    }

    private static List<String> candidates(Stage stage) {
        return ((Value.Lst) stage.value("space.candidates")).items().stream().map(v -> ((Value.Str) v).value()).toList();
    }

    private static Value.Rng pruneRange(Stage stage) {
        return (Value.Rng) stage.value("space.prune");
    }

    private static int intValue(Stage stage, String path, int fallback) {
        return stage.params().containsKey(path) ? (int) ((Value.Num) stage.value(path)).value() : fallback;
    }

    private Evaluation evaluate(GraphModule module, BatchLoader loader, LambdaPolicy policy) throws DataException {
        return evaluate(module, Batches.of(loader), policy);
    }

    private static Evaluation evaluate(GraphModule module, Batches batches, LambdaPolicy policy) throws DataException {
        try (batches) {
            return Evaluate.run(module, batches, policy);
        }
    }

    /** At most {@code max} batches of a loader: searches may score candidates on part of the split. */
    private static Batches limit(BatchLoader loader, int max) {
        Batches all = Batches.of(loader);
        return new Batches() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < max && all.hasNext();
            }

            @Override
            public Batch next() throws DataException {
                taken++;
                return all.next();
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    /** Max |a − b| / max |a|: the merge is checked relative to the size of the logits. */
    private double relativeDifference(Graph reference, LambdaPolicy policy, Graph candidate) throws DataException {
        return relativeDifference(reference, policy, candidate, LambdaPolicy.asBuilt());
    }

    private double relativeDifference(Graph reference, LambdaPolicy policy, Graph candidate, LambdaPolicy candidatePolicy)
            throws DataException {
        float[][] logits = logitsOnFirstBatch(List.of(reference, candidate), List.of(policy, candidatePolicy));
        double scale = 0;
        for (float v : logits[0]) {
            scale = Math.max(scale, Math.abs(v));
        }
        return maxAbs(logits[0], logits[1]) / Math.max(scale, Float.MIN_NORMAL);
    }

    private float[][] logitsOnFirstBatch(List<Graph> graphs, List<LambdaPolicy> policies) throws DataException {
        Batch batch;
        try (BatchLoader loader = context.data().valBatches()) {
            batch = loader.next();
        }
        float[][] out = new float[graphs.size()][];
        BatchArrays arrays = new BatchArrays();
        for (int i = 0; i < graphs.size(); i++) {
            try (GraphModule module = new GraphModule(graphs.get(i), context.manager()); NDManager step = context.manager().newSubManager()) {
                NDList xy = arrays.toArrays(batch, step);
                NDArray logits = module.forward(step, xy.get(0), Mode.EVAL, policies.get(i));
                out[i] = logits.toFloatArray();
            }
        }
        return out;
    }

    private static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
