package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.ir.Graph;
import dev.prune.plan.SpacePlan.Budget;
import dev.prune.onnx.OnnxExporter;
import dev.prune.verify.ExecutionProvider;
import dev.prune.verify.OrtModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A search's latency bounds ({@code latency <= 5 ms}, {@code latency <= 0.8 x baseline}): each set of blocks
 * that passes the counted budgets is merged, exported and timed in ONNX Runtime at batch 1 (median of
 * several runs after warm-up), against the baseline timed the same way. Measured once per set.
 */
final class LatencyBudget implements Predicate<List<String>> {

    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    private final List<Budget> bounds;
    private final Function<List<String>, Graph> merged;
    private final ExecutionProvider provider;
    private final java.util.OptionalInt threads;
    private final Batch sample;
    private final Path scratch;
    private final Map<List<String>, Double> measured = new HashMap<>();
    private double baselineMs = Double.NaN;

    LatencyBudget(List<Budget> bounds, Function<List<String>, Graph> merged, ExecutionProvider provider, java.util.OptionalInt threads,
            Batch sample, Path scratch) {
        this.bounds = List.copyOf(bounds);
        this.merged = merged;
        this.provider = provider;
        this.threads = threads;
        this.sample = sample;
        this.scratch = scratch;
    }

    /** The latency conditions of a {@code where} list; none means the predicate is not needed. */
    static List<Budget> bounds(List<Budget> where) {
        List<Budget> out = new ArrayList<>();
        for (Budget budget : where) {
            if (budget.metric() == Budget.Metric.LATENCY) {
                out.add(budget);
            }
        }
        return out;
    }

    @Override
    public boolean test(List<String> blocks) {
        if (Double.isNaN(baselineMs)) {
            baselineMs = time(List.of());
        }
        double ms = measured.computeIfAbsent(List.copyOf(blocks), this::time);
        for (Budget bound : bounds) {
            if (!bound.allows(ms, baselineMs)) {
                return false;
            }
        }
        return true;
    }

    /** The measured latency of a set, for the candidates' log; null when it was not measured. */
    Double latencyMs(List<String> blocks) {
        return measured.get(blocks);
    }

    private double time(List<String> blocks) {
        try {
            Path file = Files.createTempFile(scratch, "latency", ".onnx");
            try {
                OnnxExporter.write(merged.apply(blocks), file);
                float[] one = new float[sample.images().length / sample.size()];
                System.arraycopy(sample.images(), 0, one, 0, one.length);
                int[] shape = sample.shape().clone();
                shape[0] = 1;
                try (OrtModel model = new OrtModel(file, provider, threads)) {
                    for (int i = 0; i < WARMUP; i++) {
                        model.run(one, shape);
                    }
                    double[] times = new double[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        long start = System.nanoTime();
                        model.run(one, shape);
                        times[i] = (System.nanoTime() - start) / 1e6;
                    }
                    java.util.Arrays.sort(times);
                    return times[RUNS / 2];
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("timing " + blocks + " for the latency budget", e);
        }
    }

    String describe() {
        return String.join(" and ", bounds.stream().map(Budget::toString).toList());
    }
}
