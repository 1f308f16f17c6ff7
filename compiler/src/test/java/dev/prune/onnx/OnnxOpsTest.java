package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op kind's exported semantics, checked numerically: each tiny graph runs in ONNX Runtime at batch 2
 * and is compared with the reference evaluator (max abs error ≤ 1e-5). The reference itself is pinned to
 * hand-computed values in {@link OnnxHandComputedTest}.
 */
class OnnxOpsTest {

    static final double TOLERANCE = 1e-5;
    private static final Map<String, Double> MAX_ERROR = new TreeMap<>();

    static Stream<TinyGraphs.Case> cases() {
        return TinyGraphs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ortMatchesTheReference(TinyGraphs.Case c) {
        Graph graph = c.graph();
        Array input = random(graph.inputs().get(0).shape(), 2, 42);
        Array expected = Array.reference(graph, input);
        Array actual = Ort.runSingle(OnnxExporter.export(graph), input);
        assertArrayEquals(expected.shape, actual.shape, "output shape");
        double error = maxAbsError(expected.data, actual.data);
        synchronized (MAX_ERROR) {
            MAX_ERROR.merge(c.family(), error, Math::max);
        }
        assertTrue(error <= TOLERANCE, c.name() + ": max abs error " + error);
    }

    @Test
    void everyOpFilePassesTheOnnxChecker(@TempDir Path dir) {
        List<Path> files = new ArrayList<>();
        for (TinyGraphs.Case c : TinyGraphs.all()) {
            Path file = dir.resolve(c.name() + ".onnx");
            OnnxExporter.write(c.graph(), file);
            files.add(file);
        }
        OnnxChecker.assertValid(files);
    }

    @Test
    void blendAtZeroAndOneWritesNoArithmeticAndDropsTheUnusedBranch() {
        for (TinyGraphs.Case c : TinyGraphs.all()) {
            // Blend(relu(x), x·w) + c: the blend became a name for one of its inputs, and the other
            // branch, now dead, is not written.
            List<String> expected = c.name().startsWith("blend_inner_lambda_0.0") ? List.of("Relu", "Add")
                    : c.name().startsWith("blend_inner_lambda_1.0") ? List.of("Mul", "Add") : null;
            if (expected != null) {
                OnnxModel m = OnnxExporter.toModel(c.graph());
                assertEquals(expected, m.graph().nodes().stream().map(OnnxNode::opType).toList(), c.name());
                assertEquals(expected.contains("Mul"), m.graph().initializerMap().containsKey("w"), c.name());
            }
        }
    }

    @AfterAll
    static void printErrors() {
        System.out.println("ONNX export, max abs error vs reference, by op family: " + MAX_ERROR);
    }

    static Array random(Shape shape, int batch, long seed) {
        int[] dims = shape.dims();
        dims[0] = batch;
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[Array.size(dims)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextGaussian() * 2);
        }
        return new Array(dims, data);
    }

    static double maxAbsError(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "element count");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }
}
