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
