package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MaxViT's attention as torch exports it: scores {@code einsum("B H I D, B H J D -> B H I J", q, k)}, context
 * {@code einsum("B H I J, B H J D -> B H I D", attn, v)}, and its head's Tanh. The importer makes them MatMul
 * (with a Transpose for kᵀ) and Tanh; the import must compute what ONNX Runtime computes on the original.
 */
class EinsumImportTest {

    private static OnnxModel model(String scores, String context) {
        List<OnnxValueInfo.Dim> dims = List.of(OnnxValueInfo.Dim.symbolic("N"), OnnxValueInfo.Dim.of(2),
                OnnxValueInfo.Dim.of(3), OnnxValueInfo.Dim.of(4));
        List<OnnxNode> nodes = List.of(
                OnnxNode.of("/attn/Einsum", "Einsum", List.of("input", "input"), List.of("s"),
                        List.of(OnnxAttribute.of("equation", scores))),
                OnnxNode.of("/attn/Softmax", "Softmax", List.of("s"), List.of("p"), List.of(OnnxAttribute.of("axis", -1L))),
                OnnxNode.of("/attn/Einsum_1", "Einsum", List.of("p", "input"), List.of("c"),
                        List.of(OnnxAttribute.of("equation", context))),
                OnnxNode.of("/head/Tanh", "Tanh", List.of("c"), List.of("y"), List.of()));
        OnnxGraph graph = new OnnxGraph("einsum", nodes, List.of(),
                List.of(new OnnxValueInfo("input", OnnxTensor.DataType.FLOAT, dims)),
                List.of(new OnnxValueInfo("y", OnnxTensor.DataType.FLOAT, dims)));
        return new OnnxModel(8, Map.of("", 17L), "test", "0", graph);
    }

    @Test
    void attentionEinsumsImportAsMatMulAndMatchOnnxRuntime() {
        OnnxModel m = model("B H I D, B H J D -> B H I J", "B H I J, B H J D -> B H I D");
        Graph g = OnnxImporter.importModel(m, "einsum", "einsum");
        assertEquals(2, g.nodes().stream().filter(n -> n.op() == Op.MAT_MUL).count());
        Node transpose = g.nodes().stream().filter(n -> n.op() == Op.TRANSPOSE).findFirst().orElseThrow();
        assertArrayEquals(new int[] {0, 1, 3, 2}, transpose.attributes().getInts("perm", null));
        assertTrue(g.nodes().stream().anyMatch(n -> n.op() == Op.TANH));
        Random random = new Random(5);
        Tensor x = Tensor.generate(i -> random.nextGaussian(), 2, 2, 3, 4);
        Tensor expected = Ort.runSingle(OnnxWriter.write(m), x);
        Tensor actual = Evaluator.run(g, x);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-6, "element " + i);
        }
    }

    @Test
    void otherEquationsAreRefusedWithTheEquation() {
        OnnxModel m = model("B H I D, B H J D -> B H J I", "B H I J, B H J D -> B H I D");
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxImporter.importModel(m, "einsum", "einsum"));
        assertTrue(e.getMessage().contains("Einsum \"BHID,BHJD->BHJI\" is not a batched matrix product"),
                e.getMessage());
    }
}
