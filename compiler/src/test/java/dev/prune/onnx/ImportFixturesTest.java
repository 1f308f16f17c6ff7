package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed PyTorch exports ({@code scripts/make_onnx_fixtures.py}): each imports, computes what PyTorch
 * computed within 1e-4, and has the same blocks as the zoo's model of the same architecture and size.
 */
class ImportFixturesTest {

    private static final ImageShape IMAGE = ImageShape.of(3, 32, 32);
    private static final float TOLERANCE = 1e-4f;

    /** The zoo arguments that build each fixture architecture at the script's size. */
    private static final Map<String, Map<String, ?>> ZOO_ARGS = Map.of(
            "resnet", Map.of("depths", List.of(2, 2, 2, 2), "widths", List.of(8, 16, 24, 32)),
            "mobilenet_v2", Map.of("width_mult", 0.25),
            "convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 24, 32)),
            "deit", Map.of("depth", 2, "dim", 32, "heads", 2, "patch", 8));

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("resnet_op13.onnx", "resnet"),
                Arguments.of("resnet_op17_folded.onnx", "resnet"),
                Arguments.of("resnet_external.onnx", "resnet"),
                Arguments.of("mobilenet_v2_op13_folded.onnx", "mobilenet_v2"),
                Arguments.of("convnext_op13.onnx", "convnext"),
                Arguments.of("convnext_op13_folded.onnx", "convnext"),
                Arguments.of("convnext_op17.onnx", "convnext"),
                Arguments.of("convnext_op17_folded.onnx", "convnext"),
                Arguments.of("deit_op13.onnx", "deit"),
                Arguments.of("deit_op13_folded.onnx", "deit"),
                Arguments.of("deit_op17.onnx", "deit"),
                Arguments.of("deit_op17_folded.onnx", "deit"));
    }

    private static Graph imported(String file) {
        return OnnxImporter.read(ReferenceTensors.fixture(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void computesWhatPyTorchComputed(String file, String architecture) {
        Graph graph = imported(file);
        ReferenceTensors ref = ReferenceTensors.of(architecture);
        Tensor out = Evaluator.run(graph, ref.input());
        float error = ReferenceTensors.maxAbsDifference(out, ref.output());
        System.out.printf("%-32s max |imported - pytorch| = %.3g over %s%n", file, error, Arrays.toString(out.shape()));
        assertTrue(error <= TOLERANCE, file + ": max error " + error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void hasTheZoosBlocks(String file, String architecture) {
        Graph zoo = Zoo.build(architecture, ZOO_ARGS.get(architecture), IMAGE, 10, BuildOptions.shapesOnly());
        List<String> expected = BlockFinder.find(zoo).stream().map(Block::name).toList();
        List<String> found = BlockFinder.find(imported(file)).stream().map(Block::name).toList();
        assertEquals(expected, found, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void keepsADynamicBatch(String file, String architecture) {
        Graph graph = imported(file);
        assertEquals(Shape.of(Shape.DYNAMIC, 3, 32, 32), graph.inputs().get(0).shape());
        assertEquals(Shape.of(Shape.DYNAMIC, 10), graph.outputs().get(0).shape());
        ReferenceTensors ref = ReferenceTensors.of(architecture);
        float[] first = Arrays.copyOf(ref.input().toArray(), 3 * 32 * 32);
        Tensor one = Evaluator.run(graph, Tensor.of(first, 1, 3, 32, 32));
        float[] expected = Arrays.copyOf(ref.output().toArray(), 10);
        assertTrue(ReferenceTensors.maxAbsDifference(one, Tensor.of(expected, 1, 10)) <= TOLERANCE);
    }

    /** Without constant folding torch keeps every state-dict entry: the import has exactly the zoo's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unfolded")
    void unfoldedExportsKeepTheZoosStateDict(String file, String architecture) {
        Graph zoo = Zoo.build(architecture, ZOO_ARGS.get(architecture), IMAGE, 10, BuildOptions.shapesOnly());
        Map<String, Shape> expected = shapes(zoo);
        assertEquals(expected, shapes(imported(file)), file);
    }

    static Stream<Arguments> unfolded() {
        return fixtures().filter(a -> !((String) a.get()[0]).contains("folded") && !((String) a.get()[0]).contains("external"));
    }

    private static Map<String, Shape> shapes(Graph g) {
        Map<String, Shape> m = new java.util.TreeMap<>();
        g.parameters().values().stream().filter(Parameter::inStateDict).forEach(p -> m.put(p.name(), p.value().staticShape()));
        return m;
    }

    /** BatchNorm folded into Conv: the conv weights are named after their modules again, the BNs are gone. */
    @Test
    void foldedConvWeightsGetTheirModuleNames() {
        Graph graph = imported("mobilenet_v2_op13_folded.onnx");
        assertTrue(graph.isParameter("features.1.conv.0.0.weight"));
        assertTrue(graph.isParameter("features.1.conv.0.0.bias"));
        assertTrue(graph.parameters().keySet().stream().noneMatch(n -> n.contains("::")), graph.parameters().keySet().toString());
        assertEquals(0, count(graph, Op.BATCH_NORMALIZATION));
        assertEquals(count(imported("resnet_op13.onnx"), Op.CONV), count(imported("resnet_op17_folded.onnx"), Op.CONV));
    }

    /** Opset 13 decomposes LayerNorm and GELU; they come back as single ops, as opset 17 writes LayerNorm. */
    @Test
    void layerNormAndGeluAreLiftedBack() {
        for (String arch : List.of("convnext", "deit")) {
            Graph op13 = imported(arch + "_op13.onnx");
            Graph op17 = imported(arch + "_op17_folded.onnx");
            Graph zoo = Zoo.build(arch, ZOO_ARGS.get(arch), IMAGE, 10, BuildOptions.shapesOnly());
            assertEquals(count(zoo, Op.GELU), count(op13, Op.GELU), arch);
            assertEquals(count(zoo, Op.LAYER_NORMALIZATION), count(op13, Op.LAYER_NORMALIZATION), arch);
            assertEquals(count(op17, Op.LAYER_NORMALIZATION), count(op13, Op.LAYER_NORMALIZATION), arch);
            assertEquals(count(zoo, Op.GEMM), count(op13, Op.GEMM), arch);
            assertEquals(count(zoo, Op.GEMM), count(op17, Op.GEMM), arch);
        }
    }

    /** Folded Linear weights ([in, out] initializers) are transposed back and named as the state dict. */
    @Test
    void foldedLinearWeightsAreStateDictWeights() {
        Graph folded = imported("deit_op17_folded.onnx");
        Graph unfolded = imported("deit_op17.onnx");
        for (String name : List.of("blocks.0.attn.qkv.weight", "blocks.1.mlp.fc2.weight", "head.weight")) {
            assertEquals(unfolded.parameter(name).orElseThrow().value(), folded.parameter(name).orElseThrow().value(), name);
        }
    }

    @Test
    void externalDataEqualsTheEmbeddedWeights() {
        Graph external = imported("resnet_external.onnx");
        Graph embedded = imported("resnet_op17_folded.onnx");
        assertEquals(embedded.stateDict(), external.stateDict());
    }

    private static long count(Graph g, Op op) {
        return g.nodes().stream().map(Node::op).filter(op::equals).count();
    }
}
