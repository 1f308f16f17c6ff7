package dev.prune.onnx;

import dev.prune.io.AtomicFiles;
import dev.prune.ir.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Graph} as an ONNX model: IR version {@value #IR_VERSION}, default-domain opset
 * {@value #OPSET}, a dynamic batch (dimension {@code N}), parameters as initializers under their state-dict
 * names, and one ONNX node per IR node except where ONNX lacks the op (see {@link NodeLowering}). The
 * single output is named {@code logits}.
 *
 * <p>Pure Java: the protobuf encoding is this package's own, so the compiler needs no ONNX library.
 */
public final class OnnxExporter {

    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;
    public static final String PRODUCER = "prune";
    public static final String PRODUCER_VERSION = "0.1";

    private OnnxExporter() {
    }

    /**
     * The graph as an ONNX model in memory, for inspection before writing.
     *
     * @throws OnnxExportException naming every node that cannot be exported and why
     */
    public static OnnxModel toModel(Graph graph) {
        return toModel(graph, Map.of());
    }

    /** The same, carrying {@code metadata} as the model's {@code metadata_props}, in the map's order. */
    public static OnnxModel toModel(Graph graph, Map<String, String> metadata) {
        tooLarge(graph).ifPresent(problem -> {
            throw new OnnxExportException(graph.name(), List.of(problem));
        });
        return new OnnxModel(IR_VERSION, Map.of("", OPSET), PRODUCER, PRODUCER_VERSION, GraphLowering.lower(graph), metadata);
    }

    /**
     * A protobuf message, and so an ONNX file whose weights it holds, is at most 2 GiB. ONNX's way past that,
     * weights in a separate file ("external data"), is read by the importer but not written by this exporter.
     */
    public static final long MAX_PARAMETERS = ((1L << 31) - (64L << 20)) / Float.BYTES;

    /** Why {@code graph} cannot be exported for its size (every parameter it holds counted), or empty when it can. */
    public static java.util.Optional<String> tooLarge(Graph graph) {
        return tooLarge(graph.parameters().values().stream().mapToLong(p -> p.value().size()).sum());
    }

    /** Why a model of {@code parameters} float32 weights cannot be exported, or empty when it can. */
    public static java.util.Optional<String> tooLarge(long parameters) {
        if (parameters <= MAX_PARAMETERS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                "%,d parameters are %.2f GB as float32, more than one ONNX file holds (2 GB); writing the weights as"
                        + " external data is not supported yet, so models above %,d parameters cannot be exported",
                parameters, parameters * 4.0 / 1e9, MAX_PARAMETERS));
    }

    /** The graph as ONNX protobuf bytes. */
    public static byte[] export(Graph graph) {
        return OnnxWriter.write(toModel(graph));
    }

    /**
     * Whether a file's first bytes are those of this exporter's output: field 1 (ir_version) as a varint, then
     * field 2 (producer_name) holding {@value #PRODUCER}. The writer emits them first, so 64 bytes suffice.
     */
    public static boolean isPruneExport(byte[] head) {
        if (head.length < 2 || head[0] != 0x08) {
            return false;
        }
        int i = 1;
        while (i < head.length && (head[i] & 0x80) != 0) {
            i++;
        }
        i++;
        byte[] producer = PRODUCER.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (i + 2 + producer.length > head.length || head[i] != 0x12 || head[i + 1] != producer.length) {
            return false;
        }
        return java.util.Arrays.equals(head, i + 2, i + 2 + producer.length, producer, 0, producer.length);
    }

    public static void write(Graph graph, Path file) {
        write(graph, file, Map.of());
    }

    /**
     * Writes the graph to {@code file} atomically ({@link AtomicFiles}): a reader never sees half a model and
     * a failed export leaves no file behind. {@code metadata} becomes the model's {@code metadata_props}:
     * where it came from (recipe, plan hash), readable by any ONNX tool.
     */
    public static void write(Graph graph, Path file, Map<String, String> metadata) {
        byte[] bytes = OnnxWriter.write(toModel(graph, metadata));
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
