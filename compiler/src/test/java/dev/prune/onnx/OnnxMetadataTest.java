package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance in the artefact: ModelProto's metadata_props, written, read back, and read by the onnx package. */
class OnnxMetadataTest {

    private static Map<String, String> provenance() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("prune.version", "0.1");
        metadata.put("prune.recipe", "quickstart");
        metadata.put("prune.plan_hash", "3f2a9c");
        metadata.put("prune.spec_sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        metadata.put("unicode", "λ = 1 → ü");
        return metadata;
    }

    private static Graph graph() {
        return TinyGraphs.all().get(0).graph();
    }

    @Test
    void metadataRoundTripsInOrderThroughTheOwnReader() {
        OnnxModel read = OnnxReader.read(OnnxWriter.write(OnnxExporter.toModel(graph(), provenance())));
        assertEquals(List.copyOf(provenance().entrySet()), List.copyOf(read.metadata().entrySet()));
    }

    @Test
    void aModelWithoutMetadataReadsAsEmpty() {
        assertTrue(OnnxReader.read(OnnxExporter.export(graph())).metadata().isEmpty());
    }

    @Test
    void theOnnxPackageReadsTheSamePairs(@TempDir Path dir) {
        Path file = dir.resolve("m.onnx");
        OnnxExporter.write(graph(), file, provenance());
        String printed = OnnxChecker.runPython(String.join("\n",
                "import sys, onnx",
                "m = onnx.load(sys.argv[1])",
                "onnx.checker.check_model(m, full_check=True)",
                "for p in m.metadata_props:",
                "    sys.stdout.buffer.write((p.key + '=' + p.value + '\\n').encode('utf-8'))"), file.toString());
        StringBuilder expected = new StringBuilder();
        provenance().forEach((k, v) -> expected.append(k).append('=').append(v).append('\n'));
        assertEquals(expected.toString(), printed);
    }
}
