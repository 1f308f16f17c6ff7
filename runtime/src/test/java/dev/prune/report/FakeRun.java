package dev.prune.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic run folder written the way the stages write it, through {@link MetricsLog}: a baseline of
 * three epochs, an optional supernet of two, a search over every pair of six blocks, and a subnet of three
 * epochs whose λ ramps from 0 to 1 over the first two. Every stage logs a step record each 10 steps.
 */
final class FakeRun {

    static final int STEPS_PER_EPOCH = 55;
    static final String RECIPE = "quickstart";
    static final List<String> BLOCKS = List.of("features.1.1", "features.2.1", "features.3.1", "features.3.2",
            "features.4.1", "features.5.2");
    static final List<String> CHOSEN = List.of("features.3.1", "features.5.2");

    private FakeRun() {
    }

    /** Writes the run into {@code root/runs/quickstart} and returns that folder. */
    static Path write(Path root, boolean withSupernet) {
        Path run = root.resolve("runs").resolve(RECIPE);
        train(run.resolve("baseline-0123456789ab"), "baseline", 3, 0.70, 0.80, false);
        if (withSupernet) {
            train(run.resolve("supernet-1123456789ab"), "supernet", 2, 0.80, 0.76, false);
        }
        search(run.resolve("search-2123456789ab"));
        train(run.resolve("subnet-3123456789ab"), "subnet", 3, 0.75, 0.78, true);
        return run;
    }

    private static void train(Path dir, String stage, int epochs, double loss0, double top1, boolean progressive) {
        try (MetricsLog log = MetricsLog.open(dir.resolve("metrics.jsonl"))) {
            long step = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (int i = 0; i < STEPS_PER_EPOCH; i++) {
                    step++;
                    if (step % 10 == 0) {
                        double noise = 0.05 * Math.sin(step * 1.7);
                        log.append(new StepRecord(stage, step, loss(loss0, step) + noise, lr(step),
                                progressive ? lambda(step) : null));
                    }
                }
                double gain = 0.03 * (1 - Math.exp(-epoch));
                log.append(new EpochRecord(stage, epoch, step, loss(loss0, step), top1 - 0.02 + gain, top1 + gain,
                        lr(step), progressive ? lambda(step) : null, 12.3 + epoch, 600 + 15.5 * epoch));
            }
        }
    }

    private static void search(Path dir) {
        try (MetricsLog log = MetricsLog.open(dir.resolve("candidates.jsonl"))) {
            for (int i = 0; i < BLOCKS.size(); i++) {
                for (int j = i + 1; j < BLOCKS.size(); j++) {
                    List<String> pair = List.of(BLOCKS.get(i), BLOCKS.get(j));
                    long macs = 12_000_000L - 700_000L * (i + 1) - 400_000L * (j + 1);
                    double score = 0.70 + 0.012 * i + 0.009 * j - 0.004 * ((i * j) % 3);
                    boolean chosen = pair.equals(CHOSEN);
                    log.append(new CandidateLine(pair, macs, 300_000 - 9_000L * (i + j), chosen ? 0.81 : score, "top1", "val", null, chosen));
                }
            }
        }
    }

    static List<EpochRecord> epochs(String stage, int n) {
        List<EpochRecord> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            out.add(new EpochRecord(stage, e, (long) e * STEPS_PER_EPOCH, 1.0 / e, 0.7, 0.8, 1e-3, null, 10, 500));
        }
        return out;
    }

    private static double loss(double loss0, long step) {
        return loss0 * Math.exp(-step / 120.0) + 0.25;
    }

    private static double lr(long step) {
        return 2e-3 * (1 + Math.cos(Math.PI * Math.min(step, 165) / 165.0)) / 2;
    }

    /** 0 → 1 linearly over the first two epochs, then 1. */
    private static double lambda(long step) {
        return Math.min(1.0, step / (2.0 * STEPS_PER_EPOCH));
    }
}
