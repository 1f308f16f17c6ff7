package dev.prune.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of an ONNX ModelProto that this project writes and reads: IR version, operator sets by
 * domain ("" is the default domain), producer, and the graph.
 */
public record OnnxModel(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
        OnnxGraph graph) {

    public OnnxModel {
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
        Objects.requireNonNull(graph, "graph");
    }

    /** The default domain's opset version, or 0 when the file imports none. */
    public long defaultOpset() {
        return opsets.getOrDefault("", 0L);
    }
}
