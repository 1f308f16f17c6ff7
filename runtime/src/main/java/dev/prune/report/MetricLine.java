package dev.prune.report;

import java.util.Map;

/**
 * One line of a training stage's {@code metrics.jsonl}: an end-of-epoch summary or a single step. The two
 * share a file; the presence of an {@code "epoch"} key tells them apart.
 */
public sealed interface MetricLine extends JsonLine permits EpochRecord, StepRecord {

    String stage();

    /** The optimizer steps taken so far in this stage. */
    long step();

    /** Reads either kind from one parsed line. */
    static MetricLine fromJson(Map<String, Object> json) {
        JsonFields fields = new JsonFields(json);
        return fields.has("epoch") ? EpochRecord.fromJson(fields) : StepRecord.fromJson(fields);
    }
}
