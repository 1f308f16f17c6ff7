package dev.prune.rewrite;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small matchers shared by the merge rules: who produces and who reads a value, and a layer's weights. */
final class Patterns {

    private Patterns() {
    }

    /** The node computing {@code value}, if it is one of {@code ops}. */
    static Optional<Node> producer(Graph g, String value, Op... ops) {
        return g.producer(value).filter(n -> Arrays.asList(ops).contains(n.op()));
    }

    /** True when {@code value} is read by exactly one node and is not a graph output. */
    static boolean readOnce(Graph g, String value) {
        return g.consumers(value).size() == 1 && !g.outputNames().contains(value);
    }

    /** The only reader of {@code value}, if it has exactly one and is not a graph output. */
    static Optional<Node> soleConsumer(Graph g, String value) {
        return readOnce(g, value) ? Optional.of(g.consumers(value).get(0)) : Optional.empty();
    }

    /** A Conv or Gemm whose weight (and bias, if any) are parameters: its {@link KernelBias}. */
    static Optional<KernelBias> weights(Graph g, Node layer) {
        if (layer.op() != Op.CONV && layer.op() != Op.GEMM || layer.inputs().size() < 2) {
            return Optional.empty();
        }
        if (layer.op() == Op.GEMM && layer.attributes().getInt("transB", 1) != 1) {
            return Optional.empty();
        }
        Optional<Parameter> w = g.parameter(layer.input(1));
        if (w.isEmpty() || layer.inputs().size() > 2 && !g.isParameter(layer.input(2))) {
            return Optional.empty();
        }
        return Optional.of(layer.inputs().size() > 2
                ? new KernelBias(w.get().value(), g.parameter(layer.input(2)).orElseThrow().value())
                : KernelBias.withoutBias(w.get().value()));
    }

    /** An eval-mode BatchNorm whose statistics are parameters, as its affine map. */
    static Optional<ChannelAffine> batchNorm(Graph g, Node bn) {
        if (bn.op() != Op.BATCH_NORMALIZATION || !bn.inputs().subList(1, 5).stream().allMatch(g::isParameter)) {
            return Optional.empty();
        }
        return Optional.of(MergeAlgebra.batchNorm(value(g, bn.input(1)), value(g, bn.input(2)), value(g, bn.input(3)),
                value(g, bn.input(4)), bn.attributes().getFloat("epsilon", 1e-5f)));
    }

    private static dev.prune.ir.Tensor value(Graph g, String name) {
        return g.parameter(name).orElseThrow().value();
    }

    /**
     * {@code layer} reading {@code input}, with new weights: the weight parameter keeps its name (and takes the
     * new value, of any shape), the bias is updated or added as {@code <module>.bias}.
     */
    static Node withWeights(GraphEdit edit, Node layer, String input, KernelBias kb) {
        String weight = layer.input(1);
        edit.setParameter(weight, kb.kernel());
        String bias;
        if (layer.inputs().size() > 2) {
            bias = layer.input(2);
            edit.setParameter(bias, kb.bias());
        } else {
            String module = weight.endsWith(".weight") ? weight.substring(0, weight.length() - 7) : layer.name();
            bias = edit.parameter(module + ".bias", kb.bias(), Parameter.Kind.TRAINABLE);
        }
        List<String> inputs = new ArrayList<>(List.of(input, weight, bias));
        Node out = layer.withInputs(inputs);
        if (layer.op() == Op.CONV) {
            int[] k = kb.kernel().shape();
            out = out.withAttributes(out.attributes().toBuilder().putInts("kernel_shape", k[2], k[3]).build());
        }
        return out;
    }

    static int group(Node conv) {
        return conv.attributes().getInt("group", 1);
    }

    static int[] strides(Node conv) {
        return conv.attributes().getInts("strides", new int[] {1, 1});
    }

    static int[] pads(Node conv) {
        return conv.attributes().getInts("pads", new int[] {0, 0, 0, 0});
    }

    static boolean unpadded(Node conv) {
        return Arrays.stream(pads(conv)).allMatch(p -> p == 0);
    }

    static boolean undilated(Node conv) {
        return Arrays.stream(conv.attributes().getInts("dilations", new int[] {1, 1})).allMatch(d -> d == 1);
    }

    static int[] perm(Node transpose) {
        return transpose.attributes().getInts("perm", null);
    }
}
