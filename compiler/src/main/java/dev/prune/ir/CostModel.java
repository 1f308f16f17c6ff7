package dev.prune.ir;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Counts MACs, parameters and layers.
 *
 * <p>Convention (the one behind the published torchvision and timm figures, e.g. ResNet-34 3.6 G, DeiT-Tiny
 * 1.3 G): only the linear family costs MACs. Conv = output elements × in-channels/group × kH × kW; Gemm =
 * output elements × in-features (per token for token inputs); MatMul = output elements × inner dimension
 * (attention's q·kᵀ and attn·v count). Biases, normalizations, activations, elementwise arithmetic,
 * pooling, softmax and layout ops count 0 MACs: they are memory-bound and the papers leave them out.
 * Parameters are trainable scalars only (no BatchNorm running statistics, no constants).
 */
public final class CostModel {

    private CostModel() {
    }

    public static Cost of(Graph graph) {
        long macs = 0;
        int layers = 0;
        for (Node node : graph.nodes()) {
            macs += macs(graph, node);
            layers += isLayer(graph, node) ? 1 : 0;
        }
        return new Cost(macs, graph.trainableParameterCount(), layers);
    }

    public static Cost of(Graph graph, Node node) {
        return of(graph, Set.of(node));
    }

    /** Cost of a set of nodes; a parameter shared by several of them counts once. */
    public static Cost of(Graph graph, Collection<Node> nodes) {
        long macs = 0;
        int layers = 0;
        Set<String> params = new LinkedHashSet<>();
        for (Node node : nodes) {
            macs += macs(graph, node);
            layers += isLayer(graph, node) ? 1 : 0;
            node.inputs().stream()
                    .filter(in -> graph.parameter(in).map(Parameter::isTrainable).orElse(false))
                    .forEach(params::add);
        }
        long paramCount = params.stream().mapToLong(p -> graph.parameters().get(p).value().size()).sum();
        return new Cost(macs, paramCount, layers);
    }

    /** MACs of one node under the convention above. */
    public static long macs(Graph graph, Node node) {
        long outElements = graph.shape(node.outputs().get(0)).elementsPerSample();
        return switch (node.op()) {
            case CONV -> {
                Shape w = graph.shape(node.input(1));
                yield outElements * w.dim(1) * w.dim(2) * w.dim(3);
            }
            case GEMM -> outElements * graph.shape(node.input(1)).dim(1);
            case MAT_MUL -> outElements * graph.shape(node.input(0)).dim(-1);
            default -> 0;
        };
    }

    /** A weighted layer: a linear-family node reading a parameter. */
    public static boolean isLayer(Graph graph, Node node) {
        return node.op().is(Op.Family.LINEAR) && node.inputs().stream().anyMatch(graph::isParameter);
    }
}
