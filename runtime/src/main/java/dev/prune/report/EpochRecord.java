package dev.prune.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a training stage (baseline, supernet, subnet) logs at the end of each epoch.
 *
 * @param epoch 1-based
 * @param step optimizer steps taken in this stage so far, which places per-step records on the epoch axis
 * @param loss mean training loss over the epoch
 * @param trainTop1 top-1 on the training batches seen, in [0, 1]; null when not measured
 * @param valTop1 top-1 on the validation split, in [0, 1]; null when the recipe has no validation data
 * @param lambda the progressive factor at the epoch's end: a number in the subnet stage, null elsewhere
 * @param seconds wall time of this epoch, validation included
 * @param rssMb resident memory of the process at the epoch's end
 */
public record EpochRecord(String stage, int epoch, long step, double loss, Double trainTop1, Double valTop1,
        double lr, Double lambda, double seconds, double rssMb) implements MetricLine {

    public EpochRecord {
        Objects.requireNonNull(stage, "stage");
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
    }

    static EpochRecord fromJson(JsonFields f) {
        return new EpochRecord(f.string("stage"), Math.toIntExact(f.integer("epoch")), f.integer("step"),
                f.number("loss"), f.optionalNumber("train_top1"), f.optionalNumber("val_top1"), f.number("lr"),
                f.optionalNumber("lambda"), f.number("seconds"), f.number("rss_mb"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("epoch", epoch);
        json.put("step", step);
        json.put("loss", loss);
        json.put("train_top1", trainTop1);
        json.put("val_top1", valTop1);
        json.put("lr", lr);
        json.put("lambda", lambda);
        json.put("seconds", seconds);
        json.put("rss_mb", rssMb);
        return json;
    }
}
