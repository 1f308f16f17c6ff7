package dev.prune.report;

import dev.prune.verify.BenchResult;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Median latency of the baseline and of the merged model in ONNX Runtime, per benchmark batch size, in
 * milliseconds per run of the whole batch.
 */
public record Latency(SortedMap<Integer, Double> baselineMs, SortedMap<Integer, Double> mergedMs) {

    public Latency {
        baselineMs = Collections.unmodifiableSortedMap(new TreeMap<>(baselineMs));
        mergedMs = Collections.unmodifiableSortedMap(new TreeMap<>(mergedMs));
    }

    /** From a benchmark whose model A is the baseline and B the merged model. */
    public static Latency from(BenchResult bench) {
        SortedMap<Integer, Double> baseline = new TreeMap<>();
        SortedMap<Integer, Double> merged = new TreeMap<>();
        for (BenchResult.Batch b : bench.batches()) {
            baseline.put(b.batch(), b.medianMsA());
            merged.put(b.batch(), b.medianMsB());
        }
        return new Latency(baseline, merged);
    }

    /** {@code {"baseline": {"1": 0.42, ...}, "merged": {...}}}: the form summary.json and a stage's done.json keep. */
    public java.util.Map<String, Object> toJson() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("baseline", byBatch(baselineMs));
        json.put("merged", byBatch(mergedMs));
        return json;
    }

    /** Reads {@link #toJson()}'s form back; null stays null (no benchmark ran). */
    @SuppressWarnings("unchecked")
    public static Latency fromJson(Object json) {
        if (json == null) {
            return null;
        }
        java.util.Map<String, Object> map = (java.util.Map<String, Object>) json;
        return new Latency(batches((java.util.Map<String, Object>) map.get("baseline")), batches((java.util.Map<String, Object>) map.get("merged")));
    }

    private static SortedMap<Integer, Double> batches(java.util.Map<String, Object> json) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        json.forEach((batch, ms) -> out.put(Integer.parseInt(batch), ((Number) ms).doubleValue()));
        return out;
    }

    static java.util.Map<String, Object> byBatch(SortedMap<Integer, Double> values) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        values.forEach((batch, value) -> json.put(Integer.toString(batch), value));
        return json;
    }

    /** Baseline / merged per batch size measured for both: above 1, the merged model is faster. */
    public SortedMap<Integer, Double> speedup() {
        SortedMap<Integer, Double> ratio = new TreeMap<>();
        baselineMs.forEach((batch, base) -> {
            Double merged = mergedMs.get(batch);
            if (merged != null && merged > 0) {
                ratio.put(batch, base / merged);
            }
        });
        return ratio;
    }
}
