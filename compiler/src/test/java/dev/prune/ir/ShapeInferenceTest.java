package dev.prune.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    private static final int N = Shape.DYNAMIC;

    /** Infers one node whose inputs have the given shapes, named a, b, c… */
    private static List<Shape> infer(Op op, Attributes attrs, int outputs, Shape... inputs) {
        Map<String, Shape> shapes = new java.util.HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            names.add(String.valueOf((char) ('a' + i)));
            shapes.put(names.get(i), inputs[i]);
        }
        List<String> outs = java.util.stream.IntStream.range(0, outputs).mapToObj(i -> "y" + i).toList();
        return ShapeInference.infer(new Node("n", op, names, outs, attrs), shapes::get);
    }

    private static Shape infer(Op op, Attributes attrs, Shape... inputs) {
        return infer(op, attrs, 1, inputs).get(0);
    }

    @Test
    void convFollowsTheWindowFormula() {
        Attributes attrs = Attributes.builder().putInts("strides", 2, 2).putInts("pads", 3, 3, 3, 3).build();
        assertEquals(Shape.of(N, 64, 112, 112), infer(Op.CONV, attrs, Shape.of(N, 3, 224, 224), Shape.of(64, 3, 7, 7)));
        Attributes depthwise = Attributes.builder().put("group", 32).putInts("pads", 1, 1, 1, 1).build();
        assertEquals(Shape.of(N, 32, 28, 28),
                infer(Op.CONV, depthwise, Shape.of(N, 32, 28, 28), Shape.of(32, 1, 3, 3), Shape.of(32)));
    }

    @Test
    void convRejectsChannelMismatchNamingTheNode() {
        IrException e = assertThrows(IrException.class,
                () -> infer(Op.CONV, Attributes.empty(), Shape.of(N, 4, 8, 8), Shape.of(8, 3, 3, 3)));
        assertTrue(e.getMessage().startsWith("node n (Conv): X has 4 channels"), e.getMessage());
    }

    @Test
    void gemmActsOnTheLastAxisOfAnyRank() {
        assertEquals(Shape.of(N, 197, 576),
                infer(Op.GEMM, Attributes.empty(), Shape.of(N, 197, 192), Shape.of(576, 192), Shape.of(576)));
        assertEquals(Shape.of(N, 7, 7, 384),
                infer(Op.GEMM, Attributes.empty(), Shape.of(N, 7, 7, 96), Shape.of(384, 96)));
    }

    @Test
    void matMulBroadcastsBatchDimensions() {
        assertEquals(Shape.of(N, 3, 197, 197),
                infer(Op.MAT_MUL, Attributes.empty(), Shape.of(N, 3, 197, 64), Shape.of(N, 3, 64, 197)));
    }

    @Test
    void broadcastingFollowsNumpy() {
        assertEquals(Shape.of(N, 96, 56, 56), ShapeInference.broadcast(Shape.of(N, 96, 56, 56), Shape.of(96, 1, 1)));
        assertEquals(Shape.of(N, 197, 192), ShapeInference.broadcast(Shape.of(1, 197, 192), Shape.of(N, 197, 192)));
        assertThrows(IllegalArgumentException.class, () -> ShapeInference.broadcast(Shape.of(3, 4), Shape.of(5)));
    }

    @Test
    void reshapeCopiesWithZeroAndInfersMinusOne() {
        Attributes attrs = Attributes.builder().putInts("shape", 0, 192, -1).build();
        assertEquals(Shape.of(N, 192, 196), infer(Op.RESHAPE, attrs, Shape.of(N, 192, 14, 14)));
        // The batch (times 196) moves into the -1 and stays dynamic, as attention's [T·N, E] does.
        Attributes batchIntoMinusOne = Attributes.builder().putInts("shape", -1, 192).build();
        assertEquals(Shape.of(N, 192), infer(Op.RESHAPE, batchIntoMinusOne, Shape.of(N, 192, 14, 14)));
        Attributes loseBatch = Attributes.builder().putInts("shape", 196, 192).build();
        assertThrows(IrException.class, () -> infer(Op.RESHAPE, loseBatch, Shape.of(N, 192, 14, 14)));
    }

    @Test
    void layoutOps() {
        assertEquals(Shape.of(N, 14, 14, 96), infer(Op.TRANSPOSE,
                Attributes.builder().putInts("perm", 0, 2, 3, 1).build(), Shape.of(N, 96, 14, 14)));
        assertEquals(Shape.of(N, 1280), infer(Op.FLATTEN, Attributes.empty(), Shape.of(N, 1280, 1, 1)));
        assertEquals(Shape.of(N, 1, 192), infer(Op.SLICE,
                Attributes.builder().putInts("starts", 0).putInts("ends", 1).putInts("axes", 1).build(),
                Shape.of(N, 197, 192)));
        assertEquals(Shape.of(N, 197, 192), infer(Op.PAD,
                Attributes.builder().putInts("pads", 0, 1, 0, 0, 0, 0).build(), Shape.of(N, 196, 192)));
        assertEquals(Shape.of(N, 10, 7), infer(Op.CONCAT, Attributes.builder().put("axis", 1).build(),
                Shape.of(N, 4, 7), Shape.of(N, 6, 7)));
        assertEquals(List.of(Shape.of(N, 5, 2), Shape.of(N, 5, 4)), infer(Op.SPLIT,
                Attributes.builder().put("axis", -1).putInts("split", 2, 4).build(), 2, Shape.of(N, 5, 6)));
    }

    @Test
    void poolingAndReduction() {
        assertEquals(Shape.of(N, 64, 56, 56), infer(Op.MAX_POOL, Attributes.builder().putInts("kernel_shape", 3, 3)
                .putInts("strides", 2, 2).putInts("pads", 1, 1, 1, 1).build(), Shape.of(N, 64, 112, 112)));
        assertEquals(Shape.of(N, 512, 1, 1), infer(Op.GLOBAL_AVERAGE_POOL, Attributes.empty(), Shape.of(N, 512, 7, 7)));
        assertEquals(Shape.of(N, 512), infer(Op.REDUCE_MEAN,
                Attributes.builder().putInts("axes", 2, 3).put("keepdims", 0).build(), Shape.of(N, 512, 7, 7)));
    }

    @Test
    void blendTakesAnAttributeOrAScalarLambda() {
        Shape x = Shape.of(N, 8, 4, 4);
        assertEquals(x, infer(Op.BLEND, Attributes.builder().put("lambda", 0.3f).build(), x, x));
        assertEquals(x, infer(Op.BLEND, Attributes.empty(), x, x, Shape.of()));
        assertThrows(IrException.class, () -> infer(Op.BLEND, Attributes.empty(), x, x, Shape.of(8)));
    }

    @Test
    void layerNormIsOverTheLastAxisOnly() {
        Shape x = Shape.of(N, 7, 7, 96);
        assertEquals(x, infer(Op.LAYER_NORMALIZATION, Attributes.empty(), x, Shape.of(96), Shape.of(96)));
        assertThrows(IrException.class, () -> infer(Op.LAYER_NORMALIZATION,
                Attributes.builder().put("axis", 1).build(), x, Shape.of(96)));
    }

    @Test
    void everyOpHasAFamily() {
        for (Op op : Op.values()) {
            assertTrue(Op.of(op.family()).contains(op));
            assertEquals(op, Op.fromOnnx(op.onnxName()).orElseThrow());
        }
        assertEquals(java.util.EnumSet.of(Op.RELU, Op.CLIP, Op.GELU, Op.HARD_SWISH, Op.SILU, Op.TANH),
                Op.of(Op.Family.ACTIVATION));
        assertEquals(java.util.EnumSet.of(Op.SIGMOID, Op.HARD_SIGMOID), Op.of(Op.Family.GATE));
    }
}
