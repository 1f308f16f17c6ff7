package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each zoo family, small, with random weights and random BatchNorm running statistics (so that BN cannot
 * pass as an identity): exported, read back, checked by the ONNX checker, and run in ONNX Runtime against
 * the reference evaluator and against itself at another batch size.
 */
class OnnxZooTest {

    record Model(String name, Map<String, ?> args, ImageShape input) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Model> models() {
        return Stream.of(
                new Model("resnet", Map.of("depths", List.of(1, 1, 1), "widths", List.of(8, 16, 32)), ImageShape.of(3, 32, 32)),
                new Model("mobilenet_v2", Map.of("width_mult", 0.25), ImageShape.of(1, 28, 28)),
                new Model("convnext", Map.of("depths", List.of(1, 1, 1, 1), "dims", List.of(8, 16, 24, 32),
                        "layer_scale", 0.5), ImageShape.of(1, 28, 28)),
                new Model("deit", Map.of("depth", 2, "dim", 16, "heads", 2), ImageShape.of(1, 28, 28)));
    }

    /** The model with every constant-initialised tensor (biases, norms, running statistics) randomised. */
    static Graph randomized(Model m) {
        Graph g = Zoo.build(m.name(), m.args(), m.input(), 10, BuildOptions.seeded(5));
        SplittableRandom r = new SplittableRandom(17);
        Map<String, Tensor> values = new HashMap<>();
        for (Parameter p : g.parameters().values()) {
            int[] shape = p.value().shape();
            String n = p.name();
            if (n.endsWith("running_var")) {
                values.put(n, Tensor.generate(i -> 0.5 + 1.5 * r.nextDouble(), shape));
            } else if (n.endsWith("running_mean") || n.endsWith(".bias")) {
                values.put(n, Tensor.generate(i -> 0.2 * r.nextGaussian(), shape));
            } else if (n.endsWith(".weight") && shape.length == 1) {
                values.put(n, Tensor.generate(i -> 0.5 + r.nextDouble(), shape));
            }
        }
        return g.withParameters(values);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void runsInOrtLikeTheReferenceAtAnyBatch(Model m) {
        Graph graph = randomized(m);
        byte[] bytes = OnnxExporter.export(graph);
        Array batch = OnnxOpsTest.random(graph.inputs().get(0).shape(), 3, 99);

        Array ort = Ort.runSingle(bytes, batch);
        Array reference = Array.reference(graph, batch);
        assertArrayEquals(new int[] {3, 10}, ort.shape);
        double scale = Math.max(1, maxAbs(reference.data));
        double error = OnnxOpsTest.maxAbsError(reference.data, ort.data);
        System.out.printf("%s: max |logit| %.3g, max abs error ORT vs reference %.3g%n", m.name(), scale, error);
        assertTrue(error <= 1e-5 * scale, m.name() + ": ORT vs reference " + error + " at logit scale " + scale);

        int per = ort.data.length / 3;
        for (int row = 0; row < 3; row++) {
            int[] one = batch.shape.clone();
            one[0] = 1;
            int size = batch.data.length / 3;
            Array single = new Array(one, Arrays.copyOfRange(batch.data, row * size, (row + 1) * size));
            float[] alone = Ort.runSingle(bytes, single).data;
            float[] inBatch = Arrays.copyOfRange(ort.data, row * per, (row + 1) * per);
            assertTrue(OnnxOpsTest.maxAbsError(inBatch, alone) <= 1e-5 * scale, m.name() + " row " + row);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readsBackWithEveryParameterAndOneNodePerIrNode(Model m) {
        Graph graph = randomized(m);
        OnnxModel model = OnnxReader.read(OnnxExporter.export(graph));
        assertEquals(OnnxExporter.IR_VERSION, model.irVersion());
        assertEquals(OnnxExporter.OPSET, model.defaultOpset());
        assertEquals(OnnxExporter.toModel(graph).graph().nodes(), model.graph().nodes());
        assertEquals("N", model.graph().inputs().get(0).shape().get(0).param());
        assertEquals("logits", model.graph().outputs().get(0).name());

        Map<String, OnnxTensor> initializers = model.graph().initializerMap();
        for (Parameter p : graph.parameters().values()) {
            OnnxTensor t = initializers.get(p.name());
            OnnxTensor transposed = initializers.get(p.name() + "/transposed");
            assertTrue(t != null || transposed != null, "parameter " + p.name() + " is missing");
            if (t != null) {
                assertArrayEquals(Arrays.stream(p.value().shape()).asLongStream().toArray(), t.dims(), p.name());
                assertArrayEquals(p.value().toArray(), t.toFloats(), p.name());
            }
        }
        initializers.keySet().stream().filter(n -> !graph.isParameter(n))
                .forEach(n -> assertTrue(n.contains("/"), "derived initializer " + n + " is not named owner/role"));

        // One ONNX node per IR node under the IR node's name; lowering helpers are named <IR node>/<role>.
        Set<String> irNodes = graph.nodes().stream().map(Node::name).collect(Collectors.toSet());
        List<String> onnxNames = model.graph().nodes().stream().map(OnnxNode::name).toList();
        assertEquals(irNodes, onnxNames.stream().filter(irNodes::contains).collect(Collectors.toSet()));
        assertEquals(irNodes.size(), onnxNames.stream().filter(irNodes::contains).count());
        onnxNames.stream().filter(n -> !irNodes.contains(n))
                .forEach(n -> assertTrue(irNodes.contains(n.substring(0, n.lastIndexOf('/'))), n));
    }

    @Test
    void everyZooFilePassesTheOnnxChecker(@TempDir Path dir) {
        List<Path> files = new ArrayList<>();
        models().forEach(m -> {
            Path file = dir.resolve(m.name() + ".onnx");
            OnnxExporter.write(randomized(m), file);
            files.add(file);
        });
        OnnxChecker.assertValid(files);
    }

    /** One full-size model: resnet18 at 224×224 exports, passes the checker and runs once at batch 1. */
    @Test
    void exportsAnImageNetSizedModel(@TempDir Path dir) throws IOException {
        Graph graph = Zoo.build("resnet18", Map.of(), ImageShape.imagenet(), 1000, BuildOptions.seeded(1));
        Path file = dir.resolve("resnet18.onnx");
        OnnxExporter.write(graph, file);
        assertTrue(Files.size(file) > 4 * graph.trainableParameterCount(), "weights are inside the file");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
        Array out = Ort.runSingle(Files.readAllBytes(file), OnnxOpsTest.random(graph.inputs().get(0).shape(), 1, 3));
        assertArrayEquals(new int[] {1, 1000}, out.shape);
        for (float v : out.data) {
            assertTrue(Float.isFinite(v));
        }
        OnnxChecker.assertValid(List.of(file));
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
