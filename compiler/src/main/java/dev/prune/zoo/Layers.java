package dev.prune.zoo;

import dev.prune.ir.Attributes;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.List;

/**
 * PyTorch-module-sized steps on a {@link GraphBuilder}: each call adds the nodes and the named parameters of
 * one module, as PyTorch would name them ({@code <module>.weight}, {@code <module>.running_mean}…). A node
 * with parameters is named after its module; a parameter-free node (an activation, an add) after the module
 * that applies it, e.g. {@code layer1.0.relu}.
 */
public final class Layers {

    private final GraphBuilder graph;
    private final WeightInit init;

    public Layers(GraphBuilder graph, WeightInit init) {
        this.graph = graph;
        this.init = init;
    }

    public GraphBuilder graph() {
        return graph;
    }

    public WeightInit init() {
        return init;
    }

    public Shape shape(String value) {
        return graph.shape(value);
    }

    public int channels(String value) {
        return graph.shape(value).dim(1);
    }

    /** Conv2d with square kernel, symmetric padding, He-initialised weight and, if asked, a zero bias. */
    public String conv(String module, String x, int outChannels, int kernel, int stride, int padding, int groups,
            boolean bias) {
        int inPerGroup = channels(x) / groups;
        String w = graph.trainable(module + ".weight",
                init.kaiming(module + ".weight", inPerGroup * kernel * kernel, outChannels, inPerGroup, kernel, kernel));
        List<String> inputs = bias ? List.of(x, w, graph.trainable(module + ".bias", init.constant(0, outChannels)))
                : List.of(x, w);
        Attributes attrs = Attributes.builder()
                .putInts("kernel_shape", kernel, kernel)
                .putInts("strides", stride, stride)
                .putInts("pads", padding, padding, padding, padding)
                .putInts("dilations", 1, 1)
                .put("group", groups)
                .build();
        return graph.node(Op.CONV, module, inputs, attrs);
    }

    /** BatchNorm2d: weight 1, bias 0, running mean 0, running var 1 (the statistics are buffers). */
    public String batchNorm(String module, String x) {
        int c = channels(x);
        List<String> inputs = List.of(x,
                graph.trainable(module + ".weight", init.constant(1, c)),
                graph.trainable(module + ".bias", init.constant(0, c)),
                graph.buffer(module + ".running_mean", init.constant(0, c)),
                graph.buffer(module + ".running_var", init.constant(1, c)));
        return graph.node(Op.BATCH_NORMALIZATION, module, inputs, Attributes.builder().put("epsilon", 1e-5f).build());
    }

    /** LayerNorm over the last axis. */
    public String layerNorm(String module, String x, float epsilon) {
        int c = shape(x).dim(-1);
        List<String> inputs = List.of(x,
                graph.trainable(module + ".weight", init.constant(1, c)),
                graph.trainable(module + ".bias", init.constant(0, c)));
        Attributes attrs = Attributes.builder().put("axis", -1).put("epsilon", epsilon).build();
        return graph.node(Op.LAYER_NORMALIZATION, module, inputs, attrs);
    }

    /** Linear over the last axis; {@code std} > 0 selects a truncated normal (ViT), else He init. */
    public String linear(String module, String x, int outFeatures, double std) {
        int in = shape(x).dim(-1);
        Tensor weight = std > 0 ? init.truncatedNormal(module + ".weight", std, outFeatures, in)
                : init.kaiming(module + ".weight", in, outFeatures, in);
        String w = graph.trainable(module + ".weight", weight);
        String b = graph.trainable(module + ".bias", init.constant(0, outFeatures));
        return graph.node(Op.GEMM, module, List.of(x, w, b), Attributes.builder().put("transB", 1).build());
    }

    public String relu(String name, String x) {
        return graph.node(Op.RELU, name, List.of(x));
    }

    /** ReLU6 as ONNX writes it: Clip(0, 6). */
    public String relu6(String name, String x) {
        return graph.node(Op.CLIP, name, List.of(x), Attributes.builder().put("min", 0f).put("max", 6f).build());
    }

    /** The exact (erf) GELU, PyTorch's default. */
    public String gelu(String name, String x) {
        return graph.node(Op.GELU, name, List.of(x), Attributes.builder().put("approximate", "none").build());
    }

    public String add(String name, String a, String b) {
        return graph.node(Op.ADD, name, List.of(a, b));
    }

    public String mul(String name, String a, String b) {
        return graph.node(Op.MUL, name, List.of(a, b));
    }

    public String maxPool(String name, String x, int kernel, int stride, int padding) {
        Attributes attrs = Attributes.builder()
                .putInts("kernel_shape", kernel, kernel)
                .putInts("strides", stride, stride)
                .putInts("pads", padding, padding, padding, padding)
                .build();
        return graph.node(Op.MAX_POOL, name, List.of(x), attrs);
    }

    public String globalAveragePool(String name, String x) {
        return graph.node(Op.GLOBAL_AVERAGE_POOL, name, List.of(x));
    }

    public String flatten(String name, String x) {
        return graph.node(Op.FLATTEN, name, List.of(x), Attributes.builder().put("axis", 1).build());
    }

    public String transpose(String name, String x, int... perm) {
        return graph.node(Op.TRANSPOSE, name, List.of(x), Attributes.builder().putInts("perm", perm).build());
    }

    public String reshape(String name, String x, int... shape) {
        return graph.node(Op.RESHAPE, name, List.of(x), Attributes.builder().putInts("shape", shape).build());
    }

    /** NCHW → NHWC, where LayerNorm and Linear act on channels as the last axis. */
    public String toChannelsLast(String name, String x) {
        return transpose(name, x, 0, 2, 3, 1);
    }

    /** NHWC → NCHW. */
    public String toChannelsFirst(String name, String x) {
        return transpose(name, x, 0, 3, 1, 2);
    }
}
