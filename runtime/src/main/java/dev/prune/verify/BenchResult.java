package dev.prune.verify;

import dev.prune.plan.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link LatencyBenchmark} measured: per batch size, the median latency of model A and of model B and
 * their ratio A/B (above 1: B is faster). Times are per run of the whole batch, in milliseconds.
 */
public record BenchResult(String modelA, String modelB, String provider, int warmup, int runs, List<Batch> batches) {

    /** One batch size's medians, and the raw samples they come from (ms, in run order). */
    public record Batch(int batch, double medianMsA, double medianMsB, List<Double> samplesMsA,
            List<Double> samplesMsB) {

        public Batch {
            samplesMsA = List.copyOf(samplesMsA);
            samplesMsB = List.copyOf(samplesMsB);
        }

        /** Median A / median B: the speed-up of B over A. */
        public double ratio() {
            return medianMsA / medianMsB;
        }
    }

    public BenchResult {
        batches = List.copyOf(batches);
    }

    /** Pretty JSON without the raw samples: models, provider, settings and per-batch medians and ratio. */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model_a", modelA);
        out.put("model_b", modelB);
        out.put("provider", provider);
        out.put("warmup", warmup);
        out.put("runs", runs);
        List<Object> rows = new ArrayList<>();
        for (Batch b : batches) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", b.batch());
            row.put("median_ms_a", b.medianMsA());
            row.put("median_ms_b", b.medianMsB());
            row.put("ratio_a_over_b", b.ratio());
            rows.add(row);
        }
        out.put("batches", rows);
        return Json.pretty(out);
    }

    /** A fixed-width table, one line per batch size, with the models and settings above it. */
    public String toTable() {
        StringBuilder t = new StringBuilder();
        t.append("A: ").append(modelA).append('\n');
        t.append("B: ").append(modelB).append('\n');
        t.append(String.format(Locale.ROOT, "provider %s, %d warm-up + %d timed runs per model, interleaved%n",
                provider, warmup, runs));
        t.append(String.format(Locale.ROOT, "%7s %14s %14s %9s%n", "batch", "A median ms", "B median ms", "A/B"));
        for (Batch b : batches) {
            t.append(String.format(Locale.ROOT, "%7d %14.3f %14.3f %8.2fx%n", b.batch(), b.medianMsA(),
                    b.medianMsB(), b.ratio()));
        }
        return t.toString();
    }
}
