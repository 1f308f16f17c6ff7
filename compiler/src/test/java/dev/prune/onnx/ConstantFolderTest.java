package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The folder on the shape of computation torch exports for Swin's shifted-window mask: a zero map the size of
 * a (padded) activation, regions filled by slice assignment (Range, Expand, ScatterND), compared and turned
 * into −100 where windows differ; and Swin V2's relative-position MLP (MatMul, Relu, Gather, Sigmoid) on a
 * constant table. Everything depends on static dimensions only, so it is a constant; the batch stays dynamic.
 */
class ConstantFolderTest {

    private final Map<String, OnnxTensor> initializers = new HashMap<>();
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final ConstantFolder folder = new ConstantFolder(initializers, producers,
            v -> v.equals("x") ? Optional.of(Shape.of(Shape.DYNAMIC, 4, 6)) : Optional.empty(), v -> 1L);

    private void node(String op, List<String> in, String out, OnnxAttribute... attrs) {
        producers.put(out, OnnxNode.of(out, op, in, List.of(out), List.of(attrs)));
    }

    private void ints(String name, long... values) {
        initializers.put(name, OnnxTensor.vector(name, values));
    }

    private void scalarInt(String name, long value) {
        initializers.put(name, OnnxTensor.ofLongs(name, new long[0], new long[] {value}));
    }

    private Folded fold(String value) {
        return folder.fold(value).orElseThrow(() -> new AssertionError(value + ": " + folder.reason(value)));
    }

    @Test
    void swinMaskFromAnActivationsShapeFolds() {
        // zeros(H, W) with H, W the activation's dims 1 and 2 (x is [N, 4, 6])
        node("Shape", List.of("x"), "shape");
        ints("hw_index", 1, 2);
        node("Gather", List.of("shape", "hw_index"), "hw", OnnxAttribute.of("axis", 0L));
        node("ConstantOfShape", List.of("hw"), "zeros");
        // rows 2..4 get 1: ScatterND at indices Range(2, 4) expanded against columns 0..5
        scalarInt("two", 2);
        scalarInt("four", 4);
        scalarInt("one", 1);
        node("Range", List.of("two", "four", "one"), "rows");
        ints("rows_shape", 2, 1);
        node("Reshape", List.of("rows", "rows_shape"), "rows_col");
        scalarInt("zero", 0);
        scalarInt("six", 6);
        node("Range", List.of("zero", "six", "one"), "cols");
        ints("grid", 2, 6);
        node("Expand", List.of("rows_col", "grid"), "r");
        node("Expand", List.of("cols", "grid"), "c");
        ints("last", -1);
        node("Unsqueeze", List.of("r", "last"), "r1");
        node("Unsqueeze", List.of("c", "last"), "c1");
        node("Concat", List.of("r1", "c1"), "indices", OnnxAttribute.of("axis", -1L));
        initializers.put("ones", OnnxTensor.ofFloats("ones", new long[] {2, 6}, filled(12, 1f)));
        node("ScatterND", List.of("zeros", "indices", "ones"), "regions");
        // masked_fill(regions != 0, -100): Not(Equal) then Where
        initializers.put("f0", OnnxTensor.ofFloats("f0", new long[0], new float[] {0f}));
        initializers.put("minus", OnnxTensor.ofFloats("minus", new long[0], new float[] {-100f}));
        node("Equal", List.of("regions", "f0"), "same");
        node("Not", List.of("same"), "differs");
        node("Where", List.of("differs", "minus", "regions"), "mask");
        // a float Slice of the mask: its last two rows
        ints("s_start", 2);
        ints("s_end", 4);
        ints("s_axis", 0);
        node("Slice", List.of("mask", "s_start", "s_end", "s_axis"), "tail");

        Folded mask = fold("mask");
        assertArrayEquals(new int[] {4, 6}, mask.shape());
        float[] expected = new float[24];
        for (int i = 12; i < 24; i++) {
            expected[i] = -100f;
        }
        assertArrayEquals(expected, mask.floats());
        assertArrayEquals(filled(12, -100f), fold("tail").floats());
    }

    @Test
    void relativePositionMlpOnAConstantTableFolds() {
        initializers.put("table", OnnxTensor.ofFloats("table", new long[] {3, 2}, new float[] {1, -1, 0, 2, -3, 1}));
        initializers.put("w", OnnxTensor.ofFloats("w", new long[] {2, 2}, new float[] {1, 0, 1, 1}));
        node("MatMul", List.of("table", "w"), "h"); // [[0, -1], [2, 2], [-2, 1]]
        node("Relu", List.of("h"), "r"); // [[0, 0], [2, 2], [0, 1]]
        ints("pick", 2, 0, 2);
        node("Gather", List.of("r", "pick"), "g", OnnxAttribute.of("axis", 0L)); // rows 2, 0, 2
        node("Sigmoid", List.of("g"), "s");
        Folded s = fold("s");
        assertArrayEquals(new int[] {3, 2}, s.shape());
        double half = 0.5;
        double e1 = 1 / (1 + Math.exp(-1));
        float[] expected = {(float) half, (float) e1, (float) half, (float) half, (float) half, (float) e1};
        assertArrayEquals(expected, s.floats(), 1e-7f);
    }

    @Test
    void aBatchSizedExpandDoesNotFold() {
        node("Shape", List.of("x"), "shape");
        initializers.put("v", OnnxTensor.ofFloats("v", new long[] {1}, new float[] {1f}));
        node("Expand", List.of("v", "shape"), "e");
        assertFalse(folder.fold("e").isPresent());
        assertTrue(folder.reason("e").orElse("").contains("batch"), folder.reason("e").toString());
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }
}
