package dev.prune.rewrite;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of the rules that fold per-channel affine maps (eval-mode BatchNorm, layer scale) into a
 * neighbouring Conv or Gemm. A BatchNorm normalizes axis 1; on tokens or channels-last maps it sits between a
 * pair of transposes ({@link Layout#lastToOne}, then back), and then meets a Gemm's feature axis.
 */
final class FoldRules {

    private FoldRules() {
    }

    /** BN(L(x)) → L'(x) when L's output feeds only the BN and BN's axis 1 is L's output channel axis. */
    static Optional<GraphEdit> batchNormIntoPreceding(MergeState s, Node bn) {
        Graph g = s.graph();
        Optional<ChannelAffine> affine = Patterns.batchNorm(g, bn);
        Optional<Node> layer = Patterns.producer(g, bn.input(0), Op.CONV, Op.GEMM);
        if (affine.isEmpty() || layer.isEmpty() || !Patterns.readOnce(g, bn.input(0))
                || layer.get().op() == Op.GEMM && g.shape(bn.input(0)).rank() != 2) {
            return Optional.empty();
        }
        return foldAfter(g, layer.get(), affine.get(), List.of(bn), bn.output());
    }

    /** T⁻¹(BN(T(L(x)))) → L'(x): a BatchNorm over a Gemm's feature axis, through the transposes. */
    static Optional<GraphEdit> channelsLastBatchNormIntoPreceding(MergeState s, Node back) {
        Graph g = s.graph();
        Optional<Sandwich> sw = Sandwich.endingAt(g, back);
        if (sw.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> layer = Patterns.producer(g, sw.get().first().input(0), Op.GEMM);
        if (layer.isEmpty() || !Patterns.readOnce(g, layer.get().output()) || !Patterns.readOnce(g, sw.get().first().output())) {
            return Optional.empty();
        }
        return foldAfter(g, layer.get(), sw.get().affine(), List.of(sw.get().first(), sw.get().bn(), back), back.output());
    }

    /** L(BN(x)) → L'(x) when the BN feeds only L, and L does not pad (a padded border would see 0, not BN(0)). */
    static Optional<GraphEdit> batchNormIntoFollowing(MergeState s, Node layer) {
        Graph g = s.graph();
        Optional<Node> bn = Patterns.producer(g, layer.input(0), Op.BATCH_NORMALIZATION);
        if (bn.isEmpty() || Patterns.weights(g, layer).isEmpty() || !Patterns.readOnce(g, bn.get().output())) {
            return Optional.empty();
        }
        if (layer.op() == Op.CONV ? !Patterns.unpadded(layer) : g.shape(layer.input(0)).rank() != 2) {
            return Optional.empty();
        }
        Optional<ChannelAffine> affine = Patterns.batchNorm(g, bn.get());
        return affine.flatMap(a -> foldBefore(g, layer, a, bn.get().input(0), List.of(bn.get())));
    }

    /** Gemm(T⁻¹(BN(T(x)))) → Gemm'(x): a BatchNorm over the features a Gemm reads, through the transposes. */
    static Optional<GraphEdit> channelsLastBatchNormIntoFollowing(MergeState s, Node gemm) {
        Graph g = s.graph();
        if (gemm.op() != Op.GEMM || Patterns.weights(g, gemm).isEmpty()) {
            return Optional.empty();
        }
        Optional<Sandwich> sw = g.producer(gemm.input(0)).flatMap(back -> Sandwich.endingAt(g, back));
        if (sw.isEmpty() || !Patterns.readOnce(g, gemm.input(0)) || !Patterns.readOnce(g, sw.get().bn().output())) {
            return Optional.empty();
        }
        List<Node> gone = new ArrayList<>(List.of(sw.get().bn(), sw.get().back()));
        if (Patterns.readOnce(g, sw.get().first().output())) {
            gone.add(sw.get().first());
        }
        return foldBefore(g, gemm, sw.get().affine(), sw.get().first().input(0), gone);
    }

    /** L(x)·c → L'(x) for a constant c that varies along L's output channels only (a layer scale). */
    static Optional<GraphEdit> scaleIntoPreceding(MergeState s, Node mul) {
        Graph g = s.graph();
        if (mul.op() != Op.MUL || mul.inputs().size() != 2) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            String value = mul.input(side);
            String constant = mul.input(1 - side);
            Optional<Node> layer = Patterns.producer(g, value, Op.CONV, Op.GEMM);
            if (layer.isEmpty() || !g.isParameter(constant) || !Patterns.readOnce(g, value)) {
                continue;
            }
            Optional<Tensor> factors = perChannel(g, layer.get(), constant, g.shape(value).rank());
            if (factors.isPresent()) {
                return foldAfter(g, layer.get(), MergeAlgebra.scale(factors.get()), List.of(mul), mul.output());
            }
        }
        return Optional.empty();
    }

    /** The constant as a [channels] vector, when it broadcasts along the layer's output channel axis only. */
    private static Optional<Tensor> perChannel(Graph g, Node layer, String constant, int rank) {
        Tensor c = g.parameter(constant).orElseThrow().value();
        int channels = Patterns.weights(g, layer).orElseThrow().outChannels();
        int axis = layer.op() == Op.CONV ? 1 : rank - 1; // the output channel axis
        int[] dims = c.shape();
        if (dims.length > rank || c.size() != 1 && c.size() != channels) {
            return Optional.empty();
        }
        for (int i = 0; i < dims.length; i++) {
            int axisOfDim = rank - dims.length + i;
            if (dims[i] != 1 && axisOfDim != axis) {
                return Optional.empty();
            }
        }
        if (!c.hasData()) {
            return Optional.of(Tensor.placeholder(channels));
        }
        float v = c.get(0);
        return Optional.of(c.size() == channels ? Tensor.of(c.toArray(), channels) : Tensor.full(v, channels));
    }

    private static Optional<GraphEdit> foldAfter(Graph g, Node layer, ChannelAffine affine, List<Node> gone, String out) {
        KernelBias kb = Patterns.weights(g, layer).orElse(null);
        if (kb == null || affine.channels() != kb.outChannels()) {
            return Optional.empty();
        }
        GraphEdit edit = new GraphEdit(g);
        edit.replace(layer, Patterns.withWeights(edit, layer, layer.input(0), MergeAlgebra.foldAfter(kb, affine)));
        gone.forEach(edit::remove);
        edit.rename(out, layer.output());
        return Optional.of(edit);
    }

    private static Optional<GraphEdit> foldBefore(Graph g, Node layer, ChannelAffine affine, String input, List<Node> gone) {
        KernelBias kb = Patterns.weights(g, layer).orElseThrow();
        int group = layer.op() == Op.CONV ? Patterns.group(layer) : 1;
        if (affine.channels() != kb.kernel().dim(1) * group) {
            return Optional.empty();
        }
        GraphEdit edit = new GraphEdit(g);
        edit.replace(layer, Patterns.withWeights(edit, layer, input, MergeAlgebra.foldBefore(kb, group, affine)));
        gone.forEach(edit::remove);
        return Optional.of(edit);
    }

    /** T(0, r−1, 1…) → BN → T back: a BatchNorm over the last axis. */
    record Sandwich(Node first, Node bn, Node back, ChannelAffine affine) {

        static Optional<Sandwich> endingAt(Graph g, Node back) {
            if (back.op() != Op.TRANSPOSE || !Layout.isToChannelsLast(Patterns.perm(back))) {
                return Optional.empty();
            }
            Optional<Node> bn = Patterns.producer(g, back.input(0), Op.BATCH_NORMALIZATION);
            if (bn.isEmpty() || !Patterns.readOnce(g, back.input(0))) {
                return Optional.empty();
            }
            Optional<Node> first = Patterns.producer(g, bn.get().input(0), Op.TRANSPOSE);
            if (first.isEmpty() || !Layout.cancel(Patterns.perm(first.get()), Patterns.perm(back))
                    || !Layout.isToChannelsFirst(Patterns.perm(first.get()))) {
                return Optional.empty();
            }
            return Patterns.batchNorm(g, bn.get()).map(a -> new Sandwich(first.get(), bn.get(), back, a));
        }
    }
}
