package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the importer refuses, and that each refusal names the file, the node, its op and the reason. */
class ImportErrorsTest {

    @TempDir
    Path dir;

    private static OnnxValueInfo floats(String name, Object... dims) {
        List<OnnxValueInfo.Dim> shape = Arrays.stream(dims)
                .map(d -> d instanceof String s ? OnnxValueInfo.Dim.symbolic(s) : OnnxValueInfo.Dim.of((Integer) d))
                .toList();
        return new OnnxValueInfo(name, OnnxTensor.DataType.FLOAT, shape);
    }

    /** A model x[N, 4] → nodes → y, written with this package's writer at {@code opset}. */
    private Path model(String file, long opset, List<OnnxNode> nodes, List<OnnxTensor> initializers, String output)
            throws IOException {
        OnnxGraph graph = new OnnxGraph("crafted", nodes, initializers, List.of(floats("x", "N", 4)),
                List.of(floats(output, "N", 4)));
        Path path = dir.resolve(file);
        Files.write(path, OnnxWriter.write(new OnnxModel(8, Map.of("", opset), "test", "0", graph)));
        return path;
    }

    private static OnnxNode node(String name, String op, List<String> in, String out, OnnxAttribute... attrs) {
        return OnnxNode.of(name, op, in, List.of(out), List.of(attrs));
    }

    @Test
    void truncatedFileNamesTheFileAndKeepsTheReadersReason() throws IOException {
        byte[] bytes = Files.readAllBytes(ReferenceTensors.fixture("resnet_op13.onnx"));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(truncated));
        assertInstanceOf(OnnxFormatException.class, e.getCause());
        assertTrue(e.getMessage().contains("truncated.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable ONNX model: field 7 claims"), e.getMessage());
    }

    @Test
    void corruptFileFailsCleanly() throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        Files.writeString(corrupt, "this is not a protobuf message, just some text\n");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(corrupt));
        assertInstanceOf(OnnxFormatException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("cannot import " + corrupt), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("missing.onnx");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(missing));
        assertTrue(e.getMessage().contains("missing.onnx"), e.getMessage());
    }

    @Test
    void missingExternalDataFileNamesTheTensorAndTheFile() throws IOException {
        Path copy = dir.resolve("resnet_external.onnx");
        Files.copy(ReferenceTensors.fixture("resnet_external.onnx"), copy);
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(copy));
        assertTrue(e.getMessage().contains("resnet_external.onnx.data"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read external data"), e.getMessage());
    }

    @Test
    void externalDataFromBytesAloneIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(ReferenceTensors.fixture("resnet_external.onnx"));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(bytes));
        assertTrue(e.getMessage().contains("OnnxReader.read(Path)"), e.getMessage());
    }

    @Test
    void unsupportedOpsAreAllListedWithNodeAndOp() throws IOException {
        Path path = model("unsupported.onnx", 17, List.of(
                node("/act/Softplus", "Softplus", List.of("x"), "t"),
                node("/after/Relu", "Relu", List.of("t"), "r"), // downstream of a failure: not reported again
                node("/blocks/blocks.0/Elu", "Elu", List.of("x"), "h"),
                node("/sum/Add", "Add", List.of("r", "h"), "y")), List.of(), "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(path));
        assertEquals(List.of(
                "node /act/Softplus (Softplus): op Softplus is not supported by the importer",
                "node /blocks/blocks.0/Elu (Elu): op Elu is not supported by the importer"),
                e.problems());
        assertTrue(e.getMessage().startsWith("cannot import " + path + ": 2 problems:"), e.getMessage());
    }

    @Test
    void unsupportedAttributeIsNamed() throws IOException {
        OnnxTensor w = OnnxTensor.ofFloats("w", new long[] {4, 4}, new float[16]);
        Path path = model("gemm.onnx", 17, List.of(
                node("/fc/Gemm", "Gemm", List.of("x", "w"), "y", OnnxAttribute.of("alpha", 2f),
                        OnnxAttribute.of("transB", 1L))), List.of(w), "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(path));
        assertEquals(List.of("node /fc/Gemm (Gemm): attribute alpha = 2.0 is not supported (only 1.0)"), e.problems());
    }

    @Test
    void runTimeShapesThatAreNotConstantAreExplained() throws IOException {
        // Reshape(x, Shape(x) + 2): the target depends on the batch size through arithmetic that is no multiple.
        OnnxTensor two = OnnxTensor.vector("two", 2, 1);
        Path path = model("reshape.onnx", 13, List.of(
                node("/Shape", "Shape", List.of("x"), "s"),
                node("/Add", "Add", List.of("s", "two"), "s2"),
                node("/Reshape", "Reshape", List.of("x", "s2"), "y")), List.of(two), "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(path));
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("node /Add (Add): "), problem);
        assertTrue(problem.contains("Add of N and 2 does not reduce to a multiple of the batch size"), problem);
    }

    @Test
    void multiplesOfTheBatchKeepItDynamic() throws IOException {
        // Reshape(x, [Shape(x)[0] * 2, 2]) of x [N, 4]: the batch times two moves into a -1, still dynamic.
        OnnxTensor zero = OnnxTensor.vector("zero", 0);
        OnnxTensor two = OnnxTensor.vector("two", 2);
        Path path = model("heads.onnx", 13, List.of(
                node("/Shape", "Shape", List.of("x"), "s"),
                node("/Gather", "Gather", List.of("s", "zero"), "n"),
                node("/Mul", "Mul", List.of("n", "two"), "n2"),
                node("/Concat", "Concat", List.of("n2", "two"), "target", OnnxAttribute.of("axis", 0L)),
                node("/Reshape", "Reshape", List.of("x", "target"), "y")), List.of(zero, two), "y");
        Graph g = OnnxImporter.read(path);
        assertEquals("[-1, 2]", java.util.Arrays.toString(g.nodes().get(0).attributes().getInts("shape", null)));
        assertEquals(Tensor.generate(i -> i, 6, 2), Evaluator.run(g, Tensor.generate(i -> i, 3, 4)));
    }

    @Test
    void reshapeThatDropsTheBatchIsRefused() throws IOException {
        OnnxTensor shape = OnnxTensor.vector("shape", 4, 2);
        Path path = model("batch.onnx", 13, List.of(node("/Reshape", "Reshape", List.of("x", "shape"), "y")),
                List.of(shape), "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(path));
        assertTrue(e.problems().get(0).startsWith("node /Reshape (Reshape): the reshape [4, 2] does not keep the "
                + "batch dimension"), e.problems().toString());
    }

    @Test
    void opsetOutsideTheSupportedRangeIsRefused() throws IOException {
        Path path = model("old.onnx", 11, List.of(node("/Relu", "Relu", List.of("x"), "y")), List.of(), "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(path));
        assertEquals(List.of("opset 11 is not supported (supported: 13 to 17); export with opset_version=17"),
                e.problems());
    }

    @Test
    void aCraftedSupportedModelImportsAndRuns() throws IOException {
        // Squeeze(Unsqueeze(x, 0), 0) moves a unit axis in front of the batch and back: Transposes keep it exact.
        OnnxTensor zero = OnnxTensor.vector("zero", 0);
        Path path = model("axes.onnx", 13, List.of(
                node("/Unsqueeze", "Unsqueeze", List.of("x", "zero"), "u"),
                node("/Squeeze", "Squeeze", List.of("u", "zero"), "s"),
                node("/Relu", "Relu", List.of("s"), "y")), List.of(zero), "y");
        Graph g = OnnxImporter.read(path);
        assertTrue(g.nodes().stream().anyMatch(n -> n.op() == Op.TRANSPOSE), g.toString());
        Tensor x = Tensor.generate(i -> i - 3.5, 2, 4);
        Tensor y = Evaluator.run(g, x);
        assertEquals(Tensor.generate(i -> Math.max(0, i - 3.5), 2, 4), y);
    }
}
