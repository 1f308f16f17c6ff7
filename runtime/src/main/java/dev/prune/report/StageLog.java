package dev.prune.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The metrics of one training stage, cleaned for reading: one record per epoch and per step, in order.
 * A resumed run repeats the epochs and steps after its last checkpoint, so a later line replaces an earlier
 * one with the same epoch (or step): the later one describes the weights the run went on with.
 */
public record StageLog(String stage, List<EpochRecord> epochs, List<StepRecord> steps) {

    public StageLog {
        Objects.requireNonNull(stage, "stage");
        epochs = List.copyOf(epochs);
        steps = List.copyOf(steps);
    }

    /** Keeps the last record of each epoch and of each step, sorted. */
    public static StageLog of(String stage, List<MetricLine> lines) {
        Map<Integer, EpochRecord> epochs = new TreeMap<>();
        Map<Long, StepRecord> steps = new TreeMap<>();
        for (MetricLine line : lines) {
            if (line instanceof EpochRecord e) {
                epochs.put(e.epoch(), e);
            } else if (line instanceof StepRecord s) {
                steps.put(s.step(), s);
            }
        }
        return new StageLog(stage, new ArrayList<>(epochs.values()), new ArrayList<>(steps.values()));
    }

    /** Validation top-1 after the last epoch: the weights the next stage starts from. Null if none. */
    public Double finalValTop1() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).valTop1();
    }

    /** The highest validation top-1 of any epoch; null if no epoch measured it. */
    public Double bestValTop1() {
        return epochs.stream().map(EpochRecord::valTop1).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
    }

    /** Sum of the epochs' wall times. */
    public double seconds() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /** Resident memory at each epoch's end, in epoch order. */
    public List<Double> rssAfterEpochMb() {
        return epochs.stream().map(EpochRecord::rssMb).toList();
    }

    /** Whether any record carries λ: the progressive (subnet) stage. */
    public boolean hasLambda() {
        return epochs.stream().anyMatch(e -> e.lambda() != null) || steps.stream().anyMatch(s -> s.lambda() != null);
    }

    /**
     * Where {@code step} falls on the epoch axis, as a fraction: epoch k covers the steps after epoch k−1's
     * last one up to its own, and maps to (k−1, k]. Steps past the last epoch (a run killed mid-epoch) are
     * placed with the last epoch's length. With no epoch records the step number itself is returned.
     */
    public double epochPosition(long step) {
        if (epochs.isEmpty()) {
            return step;
        }
        long previousEnd = 0;
        int previousEpoch = 0;
        for (EpochRecord e : epochs) {
            if (step <= e.step()) {
                return previousEpoch + fraction(step - previousEnd, e.step() - previousEnd, e.epoch() - previousEpoch);
            }
            previousEnd = e.step();
            previousEpoch = e.epoch();
        }
        EpochRecord last = epochs.get(epochs.size() - 1);
        long lastLength = epochs.size() == 1 ? last.step() : last.step() - epochs.get(epochs.size() - 2).step();
        return last.epoch() + fraction(step - last.step(), lastLength, 1);
    }

    private static double fraction(long stepsIn, long stepsSpanned, int epochsSpanned) {
        return stepsSpanned <= 0 ? epochsSpanned : (double) stepsIn / stepsSpanned * epochsSpanned;
    }
}
