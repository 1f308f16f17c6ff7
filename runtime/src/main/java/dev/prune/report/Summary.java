package dev.prune.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one run, as written to {@code summary.json}. Every value a stage produces is null when
 * that stage did not run (or, for imported weights, was not measured); top-1 values are fractions in [0, 1].
 *
 * @param planHash the hash of the plan's last stage, which covers every stage before it
 * @param data the one-line description of the data used
 * @param supernetBestTop1 the best epoch's validation top-1 of the supernet (it has no single "final" form)
 * @param subnetTop1 validation top-1 after the subnet's last epoch (λ = 1 when the schedule completed)
 * @param baselineValCurve the baseline's validation top-1 after each epoch it trained; empty when it was imported
 * @param baselineConverged whether the baseline's {@code until converged} held when it stopped; null without the rule
 * @param prunedAtOnce the chosen set at λ = 1 before any subnet training; null when not measured
 * @param prunedBlocks the blocks the search chose
 * @param stageFolders per stage that left a folder in the run, the 12-digit hash naming it, in {@link Stages#ORDER}
 * @param stageSeconds wall time per stage, in {@link Stages#ORDER}
 * @param rss resident memory per training stage
 * @param warnings what the readers skipped or had to guess, for the report to show
 * @param provenance where the exported model came from, the very keys and values its ONNX {@code metadata_props}
 *                   carry (prune's version, the recipe, the plan's and each stage's hash, the spec's SHA-256);
 *                   empty when the run exported nothing
 */
public record Summary(String recipe, String planHash, String data, Double baselineTop1, Double supernetBestTop1,
        Double subnetTop1, Double mergedTop1, Double onnxTop1, List<Double> baselineValCurve, Boolean baselineConverged,
        PrunedAtOnce prunedAtOnce, List<String> prunedBlocks, Long macsBaseline,
        Long macsMerged, Long paramsBaseline, Long paramsMerged, Latency latency, VerifyChain verify,
        Map<String, String> stageFolders, Map<String, Double> stageSeconds, Map<String, RssTrace> rss, List<String> warnings,
        Map<String, String> provenance) {

    public Summary {
        Objects.requireNonNull(recipe, "recipe");
        baselineValCurve = List.copyOf(baselineValCurve);
        prunedBlocks = prunedBlocks == null ? null : List.copyOf(prunedBlocks);
        stageFolders = Collections.unmodifiableMap(new LinkedHashMap<>(stageFolders));
        stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
        rss = Collections.unmodifiableMap(new LinkedHashMap<>(rss));
        warnings = List.copyOf(warnings);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Merged MACs / baseline MACs, or null when either is unknown. */
    public Double macsRatio() {
        return ratio(macsMerged, macsBaseline);
    }

    /** Merged parameters / baseline parameters, or null when either is unknown. */
    public Double paramsRatio() {
        return ratio(paramsMerged, paramsBaseline);
    }

    /** The largest resident memory of any training stage, or null when none logged one. */
    public Double peakRssMb() {
        return rss.values().stream().map(RssTrace::peakMb).max(Double::compare).orElse(null);
    }

    private static Double ratio(Long numerator, Long denominator) {
        return numerator == null || denominator == null || denominator == 0 ? null
                : numerator.doubleValue() / denominator;
    }
}
