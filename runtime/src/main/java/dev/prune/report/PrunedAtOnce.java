package dev.prune.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far pruning at once drops: the chosen set in its pruned form (λ = 1) from the weights the subnet starts
 * from, before any subnet training, its BatchNorm statistics recomputed on the batches the search recalibrates
 * each candidate on. Kept in the subnet stage's {@code done.json} and in {@code summary.json} under {@link #KEY}.
 *
 * @param valTop1              top-1 on the whole validation split, a fraction
 * @param testTop1             top-1 on the whole test split, a fraction
 * @param recalibrationBatches batches the statistics were recomputed from; 0 when the search keeps the shared ones
 *                             (or the model has no BatchNorm)
 */
public record PrunedAtOnce(double valTop1, double testTop1, int recalibrationBatches) {

    public static final String KEY = "lambda1_before_training";

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("val_top1", valTop1);
        out.put("test_top1", testTop1);
        out.put("recalibration_batches", recalibrationBatches);
        return out;
    }

    public static PrunedAtOnce fromJson(JsonFields f) {
        return new PrunedAtOnce(f.number("val_top1"), f.number("test_top1"), Math.toIntExact(f.integer("recalibration_batches")));
    }
}
