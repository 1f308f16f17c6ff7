package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the exporter refuses, and how it says so: node name, op and reason, all problems at once. */
class OnnxExportErrorsTest {

    @Test
    void refusesShapesOnlyGraphsNamingTheNodes(@TempDir Path dir) {
        Path file = dir.resolve("lazy.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.write(shapesOnlyResnet(8), file));
        assertTrue(e.getMessage().contains("node conv1 (Conv): parameters [conv1.weight] have shapes but no data"),
                e.getMessage());
        assertTrue(e.problems().size() > 1, "every node with a placeholder is reported");
        assertFalse(Files.exists(file), "nothing is written when the export fails");
    }

    @Test
    void refusesAModelLargerThanOneOnnxFileHoldsBeforeWritingAnything(@TempDir Path dir) {
        // Shapes only: 1.2 G parameters described, none allocated.
        Path file = dir.resolve("huge.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.write(shapesOnlyResnet(8192), file));
        assertTrue(e.getMessage().contains("more than one ONNX file holds (2 GB)"), e.getMessage());
        assertFalse(Files.exists(file));
        assertTrue(OnnxExporter.tooLarge(OnnxExporter.MAX_PARAMETERS).isEmpty());
        assertTrue(OnnxExporter.tooLarge(OnnxExporter.MAX_PARAMETERS + 1).isPresent());
    }

    /** A one-block ResNet of the given width, with parameter shapes but no data. */
    private static Graph shapesOnlyResnet(int width) {
        return Zoo.build("resnet", Map.of("depths", List.of(1), "widths", List.of(width)), ImageShape.of(1, 28, 28), 10,
                BuildOptions.shapesOnly());
    }

    @Test
    void refusesTheTanhGelu() {
        GraphBuilder b = new GraphBuilder("g");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 4));
        String y = b.node(Op.GELU, "act", List.of(x), Attributes.builder().put("approximate", "tanh").build());
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(b.output(y).build()));
        assertEquals(List.of("node act (Gelu): only the exact (erf) GELU is supported, not approximate = tanh"),
                e.problems());
    }

    @Test
    void refusesAttributesItDoesNotKnowInsteadOfDroppingThem() {
        GraphBuilder b = new GraphBuilder("g");
        String x = b.input("input", Shape.of(Shape.DYNAMIC, 4));
        String y = b.node(Op.RELU, "act", List.of(x), Attributes.builder().put("alpha", 0.1f).build());
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(b.output(y).build()));
        assertEquals(List.of("node act (Relu): attributes [alpha] have no ONNX equivalent in this exporter"),
                e.problems());
    }
}
