package dev.prune.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.GraphVerifier;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Fashion-MNIST-sized models (1×28×28, 10 classes) with real weights: small enough to build many times. */
class ZooSmallModelTest {

    private static final ImageShape MNIST = ImageShape.of(1, 28, 28);

    static List<Arguments> smallModels() {
        return List.of(
                Arguments.of("resnet18", Map.of("widths", List.of(8, 16, 32, 64)), 8),
                Arguments.of("mobilenet_v2", Map.of("width_mult", 0.25), 17),
                Arguments.of("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)), 5),
                Arguments.of("deit", Map.of("depth", 2, "dim", 32, "heads", 2), 4));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("smallModels")
    void buildsVerifiesAndFindsBlocks(String model, Map<String, ?> args, int blocks) {
        Graph graph = Zoo.build(model, args, MNIST, 10, BuildOptions.seeded(3));
        GraphVerifier.verify(graph);
        assertEquals(Shape.of(Shape.DYNAMIC, 10), graph.outputs().get(0).shape());
        assertEquals(Shape.of(Shape.DYNAMIC, 1, 28, 28), graph.inputs().get(0).shape());
        assertTrue(graph.isMaterialized());
        List<Block> found = BlockFinder.find(graph);
        assertEquals(blocks, found.size(), found.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("smallModels")
    void sameSeedSameTensors(String model, Map<String, ?> args, int blocks) {
        Map<String, Tensor> a = Zoo.build(model, args, MNIST, 10, BuildOptions.seeded(11)).stateDict();
        Map<String, Tensor> b = Zoo.build(model, args, MNIST, 10, BuildOptions.seeded(11)).stateDict();
        Map<String, Tensor> c = Zoo.build(model, args, MNIST, 10, BuildOptions.seeded(12)).stateDict();
        assertEquals(a, b);
        assertEquals(List.copyOf(a.keySet()), List.copyOf(c.keySet()));
        assertNotEquals(a, c);
    }

    @Test
    void weightsDependOnlyOnSeedAndName() {
        Graph shallow = Zoo.build("resnet", Map.of("depths", List.of(1, 1), "widths", List.of(8, 16)), MNIST, 10);
        Graph deep = Zoo.build("resnet", Map.of("depths", List.of(2, 2), "widths", List.of(8, 16)), MNIST, 10);
        assertEquals(shallow.stateDict().get("layer2.0.conv1.weight"), deep.stateDict().get("layer2.0.conv1.weight"));
    }

    @Test
    void heInitKeepsTheScale() {
        Tensor w = Zoo.build("resnet18", Map.of(), ImageShape.of(3, 32, 32), 10).stateDict().get("layer3.0.conv2.weight");
        double sumSquares = 0;
        for (float v : w.toArray()) {
            sumSquares += v * v;
        }
        double expectedVariance = 2.0 / (256 * 9);
        assertEquals(expectedVariance, sumSquares / w.size(), 0.05 * expectedVariance);
    }

    @Test
    void batchNormStatisticsAreSettableBuffers() {
        Graph graph = Zoo.build("resnet18", Map.of("widths", List.of(8, 16, 32, 64)), MNIST, 10);
        Parameter mean = graph.parameter("layer1.0.bn1.running_mean").orElseThrow();
        assertEquals(Parameter.Kind.BUFFER, mean.kind());
        Graph updated = graph.withParameter(mean.name(), Tensor.full(0.5f, 8));
        assertEquals(Tensor.full(0.5f, 8), updated.stateDict().get(mean.name()));
    }

    @Test
    void stateDictOrderFollowsPyTorch() {
        Graph deit = Zoo.build("deit", Map.of("depth", 1, "dim", 16, "heads", 2), MNIST, 10);
        assertEquals(List.of("cls_token", "pos_embed", "patch_embed.proj.weight"),
                deit.stateDict().keySet().stream().limit(3).toList());
        assertTrue(deit.parameter("blocks.0.attn.scale").orElseThrow().kind() == Parameter.Kind.CONSTANT);
        assertEquals(Shape.of(1, 50, 16), deit.shape("pos_embed"), "7×7 patches of 4 pixels and the class token");

        Graph convnext = Zoo.build("convnext", Map.of("depths", List.of(1, 1, 1, 1), "dims", List.of(8, 8, 8, 8)), MNIST, 10);
        List<String> keys = List.copyOf(convnext.stateDict().keySet());
        assertEquals(keys.indexOf("features.1.0.layer_scale") + 1, keys.indexOf("features.1.0.block.0.weight"));
    }

    @Test
    void smallConvnextUsesAStemOfTwo() {
        Graph graph = Zoo.build("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)), MNIST, 10);
        assertEquals(Shape.of(8, 1, 2, 2), graph.shape("features.0.0.weight"));
        assertEquals(Shape.of(Shape.DYNAMIC, 64, 1, 1), graph.shape(graph.node("avgpool").orElseThrow().output()));
        Graph imagenet = Zoo.build("convnext_tiny", Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        assertEquals(Shape.of(96, 3, 4, 4), imagenet.shape("features.0.0.weight"));
    }

    @Test
    void namesAndArgumentsAreChecked() {
        assertEquals(List.of("resnet", "mobilenet_v2", "convnext", "deit", "onnx", "resnet18", "resnet34", "convnext_tiny",
                "deit_tiny"), Zoo.names());
        IllegalArgumentException unknownModel = assertThrows(IllegalArgumentException.class,
                () -> Zoo.build("resnet43", MNIST, 10));
        assertTrue(unknownModel.getMessage().contains("did you mean 'resnet34'"), unknownModel.getMessage());
        IllegalArgumentException unknownArg = assertThrows(IllegalArgumentException.class,
                () -> Zoo.build("convnext", Map.of("dim", List.of(8)), MNIST, 10));
        assertTrue(unknownArg.getMessage().contains("no argument 'dim'; did you mean 'dims'?"), unknownArg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Zoo.build("deit", Map.of("patch", 5), MNIST, 10));
        assertThrows(IllegalArgumentException.class, () -> Zoo.build("resnet", Map.of("depths", 3), MNIST, 10));
    }
}
