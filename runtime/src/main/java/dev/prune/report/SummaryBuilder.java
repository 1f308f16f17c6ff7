package dev.prune.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a {@link Summary}: what the logs hold is taken from {@link RunLogs}, and the runner adds what only
 * it knows (costs, the merged and exported models' accuracy, the benchmark, the verification chain, the wall
 * time of stages that log no epochs). A value set explicitly wins over the one derived from the logs.
 */
public final class SummaryBuilder {

    private final String recipe;
    private final String planHash;
    private String data;
    private Double baselineTop1;
    private Double supernetBestTop1;
    private Double subnetTop1;
    private Double mergedTop1;
    private Double onnxTop1;
    private List<Double> baselineValCurve = List.of();
    private Boolean baselineConverged;
    private PrunedAtOnce prunedAtOnce;
    private List<String> prunedBlocks;
    private Long macsBaseline;
    private Long macsMerged;
    private Long paramsBaseline;
    private Long paramsMerged;
    private Latency latency;
    private VerifyChain verify;
    private final Map<String, String> stageFolders = new LinkedHashMap<>();
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private final Map<String, RssTrace> rss = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();

    public SummaryBuilder(String recipe, String planHash) {
        this.recipe = recipe;
        this.planHash = planHash;
    }

    /**
     * Takes from the logs: which stages left a folder, the baseline's and subnet's final validation top-1, the supernet's best, the chosen
     * blocks, each training stage's summed epoch times and memory trace, and the readers' warnings.
     */
    public SummaryBuilder logs(RunLogs logs) {
        logs.stage("baseline").ifPresent(s -> baselineTop1 = s.finalValTop1());
        logs.stage("supernet").ifPresent(s -> supernetBestTop1 = s.bestValTop1());
        logs.stage("subnet").ifPresent(s -> subnetTop1 = s.finalValTop1());
        logs.chosen().ifPresent(c -> prunedBlocks = c.blocks());
        logs.stages().forEach(folder -> stageFolders.put(folder.stage(), folder.hash12()));
        for (StageLog stage : logs.training().values()) {
            stageSeconds.putIfAbsent(stage.stage(), stage.seconds());
            rss.put(stage.stage(), new RssTrace(stage.rssAfterEpochMb()));
        }
        warnings.addAll(logs.warnings());
        return this;
    }

    public SummaryBuilder data(String description) {
        this.data = description;
        return this;
    }

    /** For imported weights, whose baseline stage logs no epochs but can still be evaluated. */
    public SummaryBuilder baselineTop1(Double top1) {
        this.baselineTop1 = top1;
        return this;
    }

    /** The best candidate's top-1 under the supernet's weights, as the search scored it. */
    public SummaryBuilder supernetBestTop1(Double top1) {
        if (top1 != null) {
            this.supernetBestTop1 = top1;
        }
        return this;
    }

    public SummaryBuilder subnetTop1(Double top1) {
        this.subnetTop1 = top1;
        return this;
    }

    public SummaryBuilder mergedTop1(Double top1) {
        this.mergedTop1 = top1;
        return this;
    }

    public SummaryBuilder onnxTop1(Double top1) {
        this.onnxTop1 = top1;
        return this;
    }

    /** The baseline's validation top-1 after each epoch, and whether its stopping rule held (null: no rule). */
    public SummaryBuilder baselineTraining(List<Double> valCurve, Boolean converged) {
        this.baselineValCurve = valCurve;
        this.baselineConverged = converged;
        return this;
    }

    public SummaryBuilder prunedAtOnce(PrunedAtOnce atOnce) {
        this.prunedAtOnce = atOnce;
        return this;
    }

    public SummaryBuilder prunedBlocks(List<String> blocks) {
        this.prunedBlocks = blocks;
        return this;
    }

    public SummaryBuilder baselineCost(long macs, long params) {
        this.macsBaseline = macs;
        this.paramsBaseline = params;
        return this;
    }

    public SummaryBuilder mergedCost(long macs, long params) {
        this.macsMerged = macs;
        this.paramsMerged = params;
        return this;
    }

    public SummaryBuilder latency(Latency latency) {
        this.latency = latency;
        return this;
    }

    public SummaryBuilder verify(VerifyChain verify) {
        this.verify = verify;
        return this;
    }

    /** The stage's wall time as the runner measured it (setup included), replacing the sum of its epochs. */
    public SummaryBuilder stageSeconds(String stage, double seconds) {
        stageSeconds.put(stage, seconds);
        return this;
    }

    /** The provenance the export carries in its ONNX metadata: the same map, so the two cannot disagree. */
    public SummaryBuilder provenance(Map<String, String> metadata) {
        provenance.putAll(metadata);
        return this;
    }

    public SummaryBuilder warning(String warning) {
        warnings.add(warning);
        return this;
    }

    public Summary build() {
        Map<String, Double> orderedSeconds = new TreeMap<>(Comparator.comparingInt(Stages::rank)
                .thenComparing(Comparator.naturalOrder()));
        orderedSeconds.putAll(stageSeconds);
        Map<String, RssTrace> orderedRss = new TreeMap<>(Comparator.comparingInt(Stages::rank)
                .thenComparing(Comparator.naturalOrder()));
        orderedRss.putAll(rss);
        return new Summary(recipe, planHash, data, baselineTop1, supernetBestTop1, subnetTop1, mergedTop1, onnxTop1, baselineValCurve,
                baselineConverged, prunedAtOnce,
                prunedBlocks, macsBaseline, macsMerged, paramsBaseline, paramsMerged, latency, verify, stageFolders,
                orderedSeconds, orderedRss, warnings, provenance);
    }
}
