package dev.prune.onnx;

import dev.prune.ir.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        return new OnnxModel(IR_VERSION, Map.of("", OPSET), PRODUCER, PRODUCER_VERSION, GraphLowering.lower(graph));
    }

    /** The graph as ONNX protobuf bytes. */
    public static byte[] export(Graph graph) {
        return OnnxWriter.write(toModel(graph));
    }

    /**
     * Writes the graph to {@code file} atomically: a temporary file in the same folder, then a move, so a
     * reader never sees half a model and a failed export leaves no file behind.
     */
    public static void write(Graph graph, Path file) {
        byte[] bytes = export(graph);
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The original failure is the one worth reporting.
            }
        }
    }
}
