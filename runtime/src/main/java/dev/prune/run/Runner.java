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
import dev.prune.report.JsonFields;
import dev.prune.report.ReportWriter;
import dev.prune.report.RunLogs;
import dev.prune.report.Summary;
import dev.prune.report.SummaryBuilder;
import dev.prune.report.SummaryWriter;
import dev.prune.report.VerifyChain;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import dev.prune.store.StageStore;
import dev.prune.verify.VerificationChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Carries a plan out, stage after stage, in {@code <out>/<recipe>/}. A stage whose folder holds a
 * {@code done.json} is reused, once its outputs are checked (a published export that went missing or was
 * changed is restored from the stage's copy; a stage whose files are gone runs again); a stage that was
 * interrupted continues from its last checkpoint. Every run ends with the verification chain (λ = 0 subnet
 * equals the baseline; merged graph equals the λ = 1 subnet; ONNX Runtime equals the merged graph), a
 * summary and a report.
 */
public final class Runner {

    /**
     * Where the run writes, what it prints, and the spec's text (kept beside the plan).
     *
     * @param store     a shared stage store, or null
     * @param stopAfter the stage to stop after (an experiment's shared stages run ahead of its cells), or null for all
     */
    public record Options(Path out, Progress progress, List<Source> sources, StageStore store, String stopAfter) {

        public Options(Path out, Progress progress, List<Source> sources) {
            this(out, progress, sources, null, null);
        }

        public Options(Path out, Progress progress, List<Source> sources, StageStore store) {
            this(out, progress, sources, store, null);
        }
    }

    /** Thrown past the stages that follow {@link Options#stopAfter()}. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Where a finished run left its results. */
    public record Result(Path runDir, Path summary, Path report, Path onnx, Summary values) {
    }

    @FunctionalInterface
    private interface StageWork<R extends StageDone> {
        R run() throws IOException, DataException, RunFailure;
    }

    private final Plan plan;
    private final Options options;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private int index;

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
        RuntimeSettings settings = RuntimeSettings.resolve(plan.runtime());
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
            RunContext context = new RunContext(plan, layout, data, settings, manager, progress, baseline, transform, rules,
                    Provenance.of(plan, options.sources()));
            StageDone.Baseline base = stage(context, "baseline", () -> BaselineStage.run(context), StageDone.Baseline::read);
            if (plan.longer().isPresent()) {
                // An experiment's control: nothing pruned, merged or exported; its figures are in its stages' done.json.
                stage(context, "longer", () -> LongerBaselineStage.run(context), StageDone.Baseline::read);
                return new Result(layout.root(), null, null, null, null);
            }
            if (plan.supernet().isPresent()) {
                stage(context, "supernet", () -> SupernetStage.run(context), StageDone.Supernet::read);
            }
            StageDone.Search search = stage(context, "search", () -> SearchStage.run(context), StageDone.Search::read);
            StageDone.Subnet subnet = stage(context, "subnet", () -> SubnetStage.run(context, search.chosen()), StageDone.Subnet::read);
            StageDone.Merge merge = stage(context, "merge", () -> MergeStage.run(context, search.chosen()), StageDone.Merge::read);
            StageDone.Export export = stage(context, "export", () -> ExportStage.run(context, search.chosen(), merge),
                    StageDone.Export::read);
            return finish(context, base, search, subnet, merge, export);
        } catch (Stopped e) {
            return new Result(layout.root(), null, null, null, null);
        } catch (DataException e) {
            // A file damaged after it was opened: still the data's fault, not the run's.
            throw new RunSetupException(e.getMessage(), e);
        }
    }

    private <R extends StageDone> R stage(RunContext context, String name, StageWork<R> work, Function<JsonFields, R> reader)
            throws IOException, DataException, RunFailure {
        Stage stage = context.stage(name);
        index++;
        Path done = context.layout().done(stage);
        String key = context.layout().stage(stage).getFileName().toString();
        if (!Files.exists(done) && options.store() != null && options.store().fetchStage(key, context.layout().stage(stage))) {
            context.progress().info("stage " + name + " fetched from the store " + options.store().location());
        }
        Map<String, Object> json = DoneRecords.readOrNull(done, context.progress());
        if (json != null) {
            R result = reader.apply(new JsonFields(json));
            if (reusable(context, stage, result)) {
                context.progress().stage(index, plan.stages().size(), name, "reused (" + stage.shortHash() + ")");
                stageSeconds.put(name, json.get("seconds") instanceof Number n ? n.doubleValue() : 0.0);
                return stopAfter(name, result);
            }
            Files.delete(done);
        }
        context.progress().stage(index, plan.stages().size(), name, describe(stage));
        long started = System.nanoTime();
        Files.createDirectories(context.layout().stage(stage));
        // A stage's models are closed when it ends: give their memory back before the next one starts.
        R result;
        try {
            result = work.run();
        } finally {
            dev.prune.train.NativeMemory.release();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> record = new LinkedHashMap<>(result.json());
        record.put("seconds", seconds);
        // Not in the stage's hash (they change float rounding only), but kept with what they produced.
        record.put("threads", context.settings().threads().isPresent() ? (Object) context.settings().threads().getAsInt() : "engine default");
        stageSeconds.put(name, seconds);
        AtomicFiles.write(done, Json.pretty(record));
        if (options.store() != null) {
            // Another worker may have published the same key first: its copy stays, and it is as valid as ours.
            options.store().publish(key, context.layout().stage(stage));
        }
        return stopAfter(name, result);
    }

    private <R> R stopAfter(String name, R result) {
        if (name.equals(options.stopAfter())) {
            throw new Stopped();
        }
        return result;
    }

    /**
     * Whether a finished stage's outputs are still what it recorded. The export's published file is checked
     * against its SHA-256 and restored from the stage folder's copy when it went missing or was changed; a
     * training stage whose weights are gone runs again (from its last checkpoint).
     */
    private static boolean reusable(RunContext context, Stage stage, StageDone result) throws IOException {
        Path weights = context.weights(stage);
        if (!(result instanceof StageDone.Search || result instanceof StageDone.Merge || result instanceof StageDone.Export)
                && !Files.isRegularFile(weights)) {
            context.progress().info(stage.name() + ": " + weights + " is missing; running the stage again");
            return false;
        }
        if (result instanceof StageDone.Export export) {
            Path published = context.exportPath();
            if (Published.holds(published, export.sha256())) {
                return true;
            }
            Path copy = context.layout().stage(stage).resolve(ExportStage.COPY);
            if (Published.holds(copy, export.sha256())) {
                Published.publish(copy, published);
                context.progress().info(published + " was missing or differed from this plan's export: restored from " + copy);
                return true;
            }
            context.progress().info(published + " is missing or changed, and so is the stage's copy: exporting again");
            return false;
        }
        return true;
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

    private Result finish(RunContext context, StageDone.Baseline baseline, StageDone.Search search, StageDone.Subnet subnet,
            StageDone.Merge merge, StageDone.Export export) throws IOException {
        RunLayout layout = context.layout();
        Map<String, String> hashes = new LinkedHashMap<>();
        plan.stages().forEach(s -> hashes.put(s.name(), s.shortHash()));
        RunLogs logs = RunLogs.read(layout.root(), hashes);
        Stage last = plan.stages().get(plan.stages().size() - 1);
        SummaryBuilder builder = new SummaryBuilder(plan.recipe(), last.hash())
                .logs(logs)
                .data(context.data().description())
                .baselineTop1(baseline.testTop1())
                .supernetBestTop1(search.chosenTop1())
                .subnetTop1(subnet.testTop1())
                .baselineTraining(baseline.valCurve(), baseline.converged().orElse(null))
                .prunedAtOnce(subnet.atOnce().orElse(null))
                .mergedTop1(merge.mergedTop1())
                .onnxTop1(export.onnxTop1())
                .prunedBlocks(search.chosen())
                .baselineCost(merge.baseline().macs(), merge.baseline().params())
                .mergedCost(merge.merged().macs(), merge.merged().params())
                .latency(export.latency())
                .provenance(context.provenance())
                .verify(new VerifyChain(
                        new VerifyChain.Link(subnet.lambda0VsBaseline(), VerificationChain.LAMBDA0_TOLERANCE),
                        new VerifyChain.Link(merge.mergedVsSubnet(), VerificationChain.MERGE_TOLERANCE),
                        new VerifyChain.Link(export.onnxVsMerged(), export.atol())));
        stageSeconds.forEach(builder::stageSeconds);
        Summary summary = builder.build();
        Path summaryFile = SummaryWriter.write(summary, layout.root());
        ReportWriter.Report report = ReportWriter.write(summary, logs, layout.root());
        return new Result(layout.root(), summaryFile, report.markdown(), Path.of(export.onnx()), summary);
    }
}
