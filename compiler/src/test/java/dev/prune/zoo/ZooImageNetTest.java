package dev.prune.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published ImageNet figures, on shape-only (lazy) graphs so no weights are allocated. */
class ZooImageNetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,         torchvision/timm params, published GMACs
        "resnet18,      11689512, 1.82",
        "resnet34,      21797672, 3.6",
        "mobilenet_v2,   3504872, 0.30",
        "convnext_tiny, 28589128, 4.5",
        "deit_tiny,      5717416, 1.3",
    })
    void matchesPublishedParametersAndMacs(String name, long params, double gmacs) {
        Graph graph = Zoo.build(name, Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        Cost cost = CostModel.of(graph);
        System.out.printf("%-14s %s%n", name, cost);

        assertEquals(params, graph.trainableParameterCount());
        assertEquals(params, cost.params());
        assertEquals(gmacs, cost.gmacs(), 0.05 * gmacs, "MACs within 5 %");
        assertEquals(Shape.of(Shape.DYNAMIC, 1000), graph.outputs().get(0).shape());
        assertFalse(graph.isMaterialized());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "resnet34,      conv1.weight,                    64;3;7;7",
        "resnet34,      layer2.0.downsample.1.running_var, 128",
        "mobilenet_v2,  features.17.conv.2.weight,       320;960;1;1",
        "mobilenet_v2,  classifier.1.weight,             1000;1280",
        "convnext_tiny, features.5.8.layer_scale,        384;1;1",
        "convnext_tiny, features.5.8.block.3.weight,     1536;384",
        "convnext_tiny, features.6.1.weight,             768;384;2;2",
        "deit_tiny,     blocks.3.attn.qkv.weight,        576;192",
        "deit_tiny,     pos_embed,                       1;197;192",
        "deit_tiny,     blocks.11.mlp.fc2.weight,        192;768",
    })
    void namesParametersAsTheStateDictDoes(String model, String parameter, String dims) {
        Graph graph = Zoo.build(model, Map.of(), ImageShape.imagenet(), 1000, BuildOptions.shapesOnly());
        int[] expected = java.util.Arrays.stream(dims.split(";")).mapToInt(Integer::parseInt).toArray();
        assertTrue(graph.isParameter(parameter), parameter);
        assertEquals(Shape.of(expected), graph.shape(parameter));
    }
}
