package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by the reference onnx Python package, which, unlike this exporter, stores tensors in the
 * typed fields float_data / int64_data and writes dims and attribute lists unpacked (onnx.proto is proto2);
 * plus a Constant node with a tensor attribute, as torch.onnx.export writes them.
 */
class OnnxReaderInteropTest {

    private static final String WRITE_MODEL = String.join("\n",
            "import sys, onnx",
            "from onnx import helper, TensorProto",
            "w = helper.make_tensor('fc.weight', TensorProto.FLOAT, [2, 3], [1, 2, 3, 4, 5, 6.5])",
            "shape = helper.make_tensor('shape', TensorProto.INT64, [2], [0, -1])",
            "const = helper.make_node('Constant', [], ['c'], name='const',",
            "    value=helper.make_tensor('v', TensorProto.FLOAT, [1], [0.5]))",
            "gemm = helper.make_node('Gemm', ['x', 'fc.weight'], ['g'], name='fc', transB=1, alpha=1.0)",
            "mul = helper.make_node('Mul', ['g', 'c'], ['m'], name='mul')",
            "reshape = helper.make_node('Reshape', ['m', 'shape'], ['y'], name='reshape')",
            "graph = helper.make_graph([const, gemm, mul, reshape], 'g',",
            "    [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 3])],",
            "    [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 2])], [w, shape])",
            "model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 17)])",
            "onnx.checker.check_model(model)",
            "onnx.save(model, sys.argv[1])");

    @Test
    void readsTypedTensorFieldsConstantsAndAttributes(@TempDir Path dir) {
        Path file = dir.resolve("python.onnx");
        OnnxChecker.runPython(WRITE_MODEL, file.toString());
        OnnxModel model = OnnxReader.read(file);

        assertEquals(17, model.defaultOpset());
        OnnxGraph g = model.graph();
        assertEquals(List.of("Constant", "Gemm", "Mul", "Reshape"), g.nodes().stream().map(OnnxNode::opType).toList());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, g.initializerMap().get("fc.weight").toFloats());
        assertArrayEquals(new long[] {2, 3}, g.initializerMap().get("fc.weight").dims());
        assertArrayEquals(new long[] {0, -1}, g.initializerMap().get("shape").toLongs());
        assertArrayEquals(new float[] {0.5f},
                g.nodes().get(0).attribute("value").orElseThrow().tensorValue().toFloats());
        OnnxNode gemm = g.nodes().get(1);
        assertEquals(1L, gemm.attribute("transB").orElseThrow().intValue());
        assertEquals(1f, gemm.attribute("alpha").orElseThrow().floatValue());
        assertEquals("batch", g.inputs().get(0).shape().get(0).param());
        assertEquals(3, g.inputs().get(0).shape().get(1).value());
    }
}
