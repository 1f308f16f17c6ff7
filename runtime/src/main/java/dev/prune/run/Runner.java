package dev.prune.run;

import ai.djl.ndarray.NDManager;
import dev.prune.data.DataException;
import dev.prune.data.Dataset;
import dev.prune.io.AtomicFiles;
import dev.prune.ir.Graph;
import dev.prune.lang.Source;
import dev.prune.plan.Json;
import dev.prune.plan.Plan;
import dev.prune.plan.PlanJson;
import dev.prune.plan.Stage;
import dev.prune.report.Latency;
import dev.prune.report.ReportWriter;
import dev.prune.report.RunLogs;
import dev.prune.report.Summary;
import dev.prune.report.SummaryBuilder;
import dev.prune.report.SummaryWriter;
import dev.prune.report.VerifyChain;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries a plan out, stage after stage, in {@code <out>/<recipe>/}. A stage whose folder holds a
 * {@code done.json} is reused as it is; a stage that was interrupted continues from its last checkpoint.
 * Every run ends with the verification chain (λ = 0 subnet equals the baseline; merged graph equals the
 * λ = 1 subnet; ONNX Runtime equals the merged graph), a summary and a report.
 */
public final class Runner {

    /** Where the run writes, what it prints, and the spec's text (kept beside the plan). */
    public record Options(Path out, Progress progress, List<Source> sources) {
    }

    /** Where a finished run left its results. */
    public record Result(Path runDir, Path summary, Path report, Path onnx, Summary values) {
    }

    @FunctionalInterface
    private interface StageBody {
        Map<String, Object> run() throws IOException, DataException, RunFailure;
    }

    private final Plan plan;
    private final Options options;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

    private Runner(Plan plan, Options options) {
        this.plan = plan;
        this.options = options;
    }

    public static Result run(Plan plan, Options options) throws RunSetupException, RunFailure, IOException {
        return run(plan, options, Preflight.check(plan, options.out(), false));
    }

    /** Runs from what {@link Preflight#check} resolved: nothing it read is read again. */
    public static Result run(Plan plan, Options options, Preflight.Report checked) throws RunSetupException, RunFailure, IOException {
        return new Runner(plan, options).run(checked);
    }

    private Result run(Preflight.Report checked) throws RunSetupException, RunFailure, IOException {
        Progress progress = options.progress();
        RuntimeSettings settings = RuntimeSettings.resolve(plan.shared());
        settings.threads().ifPresent(threads -> {
            // Read once, when DJL's engine starts: set before the first array is made.
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        });
        settings.notices().forEach(progress::info);
        Dataset data = checked.data();
        Graph baseline = checked.baseline();
        RunLayout layout = RunLayout.of(options.out(), plan.recipe());
        Files.createDirectories(layout.root());
        AtomicFiles.write(layout.plan(), PlanJson.write(plan));
        for (Source source : options.sources()) {
            AtomicFiles.write(layout.root().resolve("spec").resolve(Path.of(source.name()).getFileName()), source.text());
        }
        progress.info("data: " + data.description());
        progress.info("run folder: " + layout.root());

        Transform transform = Transform.from(plan.transform());
        MergeRules rules = MergeRules.from(plan.rules());
        try (NDManager manager = NDManager.newBaseManager(settings.device())) {
            RunContext context = new RunContext(plan, layout, data, settings, manager, progress, baseline, transform, rules);
            Stages stages = new Stages(context);
            Map<String, Map<String, Object>> done = new LinkedHashMap<>();
            int index = 1;
            for (Stage stage : plan.stages()) {
                StageBody body = switch (stage.kind()) {
                    case TRAIN_BASELINE, IMPORT_WEIGHTS -> stages::baseline;
                    case TRAIN_SUPERNET -> stages::supernet;
                    case SEARCH -> stages::search;
                    case TRAIN_SUBNET -> stages::subnet;
                    case MERGE -> stages::merge;
                    case EXPORT -> stages::export;
                    case TRAIN_LONGER -> () -> LongerBaselineStage.run(context, stage);
                };
                done.put(stage.name(), runStage(context, stage, index++, body));
                // A stage's models are closed when it ends: give their memory back before the next one starts.
                dev.prune.train.NativeMemory.release();
            }
            return finish(context, done);
        } catch (DataException e) {
            // A file damaged after it was opened: still the data's fault, not the run's.
            throw new RunSetupException(e.getMessage(), e);
        }
    }

    private Map<String, Object> runStage(RunContext context, Stage stage, int index, StageBody body)
            throws IOException, DataException, RunFailure {
        Path done = context.layout().done(stage);
        Map<String, Object> reused = DoneRecords.readOrNull(done, context.progress());
        if (reused != null) {
            context.progress().stage(index, plan.stages().size(), stage.name(), "reused (" + stage.shortHash() + ")");
            Object seconds = reused.get("seconds");
            stageSeconds.put(stage.name(), seconds instanceof Number n ? n.doubleValue() : 0.0);
            return reused;
        }
        context.progress().stage(index, plan.stages().size(), stage.name(), describe(stage));
        long started = System.nanoTime();
        Files.createDirectories(context.layout().stage(stage));
        Map<String, Object> result = new LinkedHashMap<>(body.run());
        double seconds = (System.nanoTime() - started) / 1e9;
        result.put("seconds", seconds);
        stageSeconds.put(stage.name(), seconds);
        AtomicFiles.write(done, Json.pretty(result));
        return result;
    }

    private static String describe(Stage stage) {
        return switch (stage.kind()) {
            case TRAIN_BASELINE -> "training the baseline";
            case IMPORT_WEIGHTS -> "reading the trained weights";
            case TRAIN_SUPERNET -> "training the supernet";
            case SEARCH -> "searching which blocks to prune";
            case TRAIN_SUBNET -> "training the subnet, λ from 0 to 1";
            case MERGE -> "merging the pruned blocks";
            case EXPORT -> "exporting to ONNX, verifying, benchmarking";
            case TRAIN_LONGER -> "training the baseline on (the control)";
        };
    }

    private Result finish(RunContext context, Map<String, Map<String, Object>> done) throws IOException {
        RunLayout layout = context.layout();
        if (plan.stage("export").isEmpty()) {
            // An experiment's control: nothing pruned, merged or exported; its figures are in its stages' done.json.
            return new Result(layout.root(), null, null, null, null);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        plan.stages().forEach(s -> hashes.put(s.name(), s.shortHash()));
        RunLogs logs = RunLogs.read(layout.root(), hashes);
        Stage last = plan.stages().get(plan.stages().size() - 1);
        Map<String, Object> baseline = done.get("baseline");
        Map<String, Object> search = done.get("search");
        Map<String, Object> subnet = done.get("subnet");
        Map<String, Object> merge = done.get("merge");
        Map<String, Object> export = done.get("export");
        double atol = ((Number) export.get("atol")).doubleValue();
        SummaryBuilder builder = new SummaryBuilder(plan.recipe(), last.hash())
                .logs(logs)
                .data(context.data().description())
                .baselineTop1(number(baseline, "test_top1"))
                .supernetBestTop1(number(search, "score_top1"))
                .subnetTop1(number(subnet, "test_top1"))
                .mergedTop1(number(merge, "merged_top1"))
                .onnxTop1(number(export, "onnx_top1"))
                .prunedBlocks(strings(search.get("chosen")))
                .baselineCost(((Number) merge.get("macs_baseline")).longValue(), ((Number) merge.get("params_baseline")).longValue())
                .mergedCost(((Number) merge.get("macs_merged")).longValue(), ((Number) merge.get("params_merged")).longValue())
                .latency(Latency.fromJson(export.get("latency_ms")))
                .verify(new VerifyChain(
                        new VerifyChain.Link(number(subnet, "lambda0_vs_baseline"), Stages.LAMBDA0_TOLERANCE),
                        new VerifyChain.Link(number(merge, "merged_vs_subnet"), Stages.MERGE_TOLERANCE),
                        new VerifyChain.Link(number(export, "onnx_vs_merged"), atol)));
        stageSeconds.forEach(builder::stageSeconds);
        Summary summary = builder.build();
        Path summaryFile = SummaryWriter.write(summary, layout.root());
        ReportWriter.Report report = ReportWriter.write(summary, logs, layout.root());
        return new Result(layout.root(), summaryFile, report.markdown(), Path.of((String) export.get("onnx")), summary);
    }

    private static Double number(Map<String, Object> values, String key) {
        Object value = values == null ? null : values.get(key);
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
