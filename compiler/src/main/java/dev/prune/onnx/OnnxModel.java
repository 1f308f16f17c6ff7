package dev.prune.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of an ONNX ModelProto that this project writes and reads: IR version, operator sets by
 * domain ("" is the default domain), producer, the graph, and the model's metadata (ModelProto's
 * {@code metadata_props}: string pairs such as the recipe and plan hash an export came from), in file order.
 */
public record OnnxModel(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
        OnnxGraph graph, Map<String, String> metadata) {

    public OnnxModel {
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
        Objects.requireNonNull(graph, "graph");
    }

    /** A model without metadata. */
    public OnnxModel(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion, OnnxGraph graph) {
        this(irVersion, opsets, producerName, producerVersion, graph, Map.of());
    }

    /** The default domain's opset version, or 0 when the file imports none. */
    public long defaultOpset() {
        return opsets.getOrDefault("", 0L);
    }
}
