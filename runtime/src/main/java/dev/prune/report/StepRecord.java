package dev.prune.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a training stage may log every few optimizer steps, between its epoch records.
 *
 * @param step optimizer steps taken in this stage so far, this one included
 * @param loss the loss of this step's batch
 * @param lambda the progressive factor used for this step: a number in the subnet stage, null elsewhere
 */
public record StepRecord(String stage, long step, double loss, double lr, Double lambda) implements MetricLine {

    public StepRecord {
        Objects.requireNonNull(stage, "stage");
    }

    static StepRecord fromJson(JsonFields f) {
        return new StepRecord(f.string("stage"), f.integer("step"), f.number("loss"), f.number("lr"),
                f.optionalNumber("lambda"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("step", step);
        json.put("loss", loss);
        json.put("lr", lr);
        json.put("lambda", lambda);
        return json;
    }
}
