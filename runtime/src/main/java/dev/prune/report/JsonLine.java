package dev.prune.report;

import java.util.Map;

/** A record that {@link MetricsLog} can append: it knows its own one-line JSON form. */
public interface JsonLine {

    /** Keys in the order they should appear; values are what {@link dev.prune.plan.Json} writes. */
    Map<String, Object> toJson();
}
