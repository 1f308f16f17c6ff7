package dev.prune.report;

import dev.prune.plan.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/** Writes {@code summary.json}: the {@link Summary} with snake_case keys, nulls kept so every key is always there. */
public final class SummaryWriter {

    public static final String FILE_NAME = "summary.json";

    private SummaryWriter() {
    }

    /** Writes {@code runDir/summary.json} atomically and returns its path. */
    public static Path write(Summary summary, Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        ReportFiles.write(file, Json.pretty(toJson(summary)));
        return file;
    }

    /** The JSON tree, for callers that embed the summary elsewhere. */
    public static Map<String, Object> toJson(Summary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recipe", s.recipe());
        json.put("plan_hash", s.planHash());
        json.put("data", s.data());
        json.put("baseline_top1", s.baselineTop1());
        json.put("supernet_best_top1", s.supernetBestTop1());
        json.put("subnet_top1", s.subnetTop1());
        json.put("merged_top1", s.mergedTop1());
        json.put("onnx_top1", s.onnxTop1());
        json.put("baseline_epochs", s.baselineValCurve().size());
        json.put("baseline_val_curve", new ArrayList<Object>(s.baselineValCurve()));
        json.put("baseline_converged", s.baselineConverged());
        json.put(PrunedAtOnce.KEY, s.prunedAtOnce() == null ? null : s.prunedAtOnce().toJson());
        json.put("pruned_blocks", s.prunedBlocks());
        json.put("macs_baseline", s.macsBaseline());
        json.put("macs_merged", s.macsMerged());
        json.put("params_baseline", s.paramsBaseline());
        json.put("params_merged", s.paramsMerged());
        json.put("latency_ms", s.latency() == null ? null : s.latency().toJson());
        json.put("speedup", s.latency() == null ? null : Latency.byBatch(s.latency().speedup()));
        json.put("verify", s.verify() == null ? null : verify(s.verify()));
        json.put("stage_folders", new LinkedHashMap<>(s.stageFolders()));
        json.put("stage_seconds", new LinkedHashMap<>(s.stageSeconds()));
        json.put("rss_mb", rss(s.rss()));
        json.put("warnings", s.warnings());
        json.put("provenance", new LinkedHashMap<>(s.provenance()));
        return json;
    }

    private static Map<String, Object> verify(VerifyChain chain) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> tolerances = new LinkedHashMap<>();
        chain.links().forEach((name, link) -> {
            json.put(name, numberOrText(link.maxAbsDiff()));
            tolerances.put(name, link.tolerance());
        });
        json.put("tolerances", tolerances);
        // true: every link ran and held; false: one failed; null: none failed but not all ran.
        VerifyChain.Status overall = chain.overall();
        json.put("passed", overall == VerifyChain.Status.NOT_RUN ? null : overall == VerifyChain.Status.PASS);
        return json;
    }

    private static Map<String, Object> rss(Map<String, RssTrace> rss) {
        Map<String, Object> json = new LinkedHashMap<>();
        rss.forEach((stage, trace) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("peak", trace.peakMb());
            entry.put("after_epoch", new ArrayList<Object>(trace.afterEpochMb()));
            json.put(stage, entry);
        });
        return json;
    }

    /** JSON has no NaN or infinity; a check that produced one failed, and the report must still show it. */
    private static Object numberOrText(Double value) {
        return value == null || Double.isFinite(value) ? value : value.toString();
    }
}
