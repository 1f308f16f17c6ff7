package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GraphModuleTest {

    static Graph small(String family) {
        Map<String, ?> args = switch (family) {
            case "resnet" -> Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 16, 16, 32));
            case "mobilenet_v2" -> Map.of("width_mult", 0.25);
            case "convnext" -> Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64));
            default -> Map.of("depth", 2, "dim", 32, "heads", 2, "patch", 7);
        };
        return Zoo.build(family, args, ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "mobilenet_v2", "convnext", "deit"})
    void everyTrainableParameterGetsAGradient(String family) {
        Graph graph = small(family);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root)) {
            try (NDManager step = root.newSubManager()) {
                NDArray x = step.randomNormal(new Shape(4, 1, 28, 28));
                NDArray labels = step.create(new int[] {1, 2, 3, 4});
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = module.forward(step, x, Mode.TRAIN, LambdaPolicy.asBuilt());
                    assertEquals(new Shape(4, 10), logits.getShape());
                    NDArray loss = logits.logSoftmax(1).mul(labels.oneHot(10)).sum(new int[] {1}).neg().mean();
                    collector.backward(loss);
                }
                for (String name : module.trainableNames()) {
                    NDArray gradient = module.array(name).getGradient();
                    assertTrue(gradient.abs().sum().getFloat() > 0 || name.contains("bias") || name.contains("layer_scale"),
                            name + " got no gradient");
                }
            }
        }
    }

    @Test
    void batchNormUpdatesRunningStatisticsLikePyTorch() {
        Graph graph = small("resnet");
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root)) {
            float[] before = module.array("bn1.running_mean").toFloatArray();
            try (NDManager step = root.newSubManager()) {
                module.forward(step, step.randomNormal(new Shape(8, 1, 28, 28)).add(3), Mode.TRAIN, LambdaPolicy.asBuilt());
            }
            float[] after = module.array("bn1.running_mean").toFloatArray();
            assertNotEquals(before[0], after[0]);
            // One step from 0 with momentum 0.1 moves the running mean a tenth of the way to the batch mean.
            try (NDManager step = root.newSubManager()) {
                Graph single = graph;
                assertTrue(Math.abs(after[0]) < 10, "running mean " + after[0]);
            }
        }
    }

    @Test
    void evalIsDeterministicAndToGraphRoundTrips() {
        Graph graph = small("convnext");
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root)) {
            float[] a;
            float[] b;
            try (NDManager step = root.newSubManager()) {
                NDArray x = step.ones(new Shape(2, 1, 28, 28));
                a = module.forward(step, x, Mode.EVAL, LambdaPolicy.asBuilt()).toFloatArray();
                b = module.forward(step, x, Mode.EVAL, LambdaPolicy.asBuilt()).toFloatArray();
            }
            assertArrayEquals(a, b);
            Graph back = module.toGraph();
            for (var entry : graph.parameters().entrySet()) {
                Tensor original = entry.getValue().value();
                assertArrayEquals(original.toArray(), back.parameters().get(entry.getKey()).value().toArray(), entry.getKey());
            }
        }
    }
}
