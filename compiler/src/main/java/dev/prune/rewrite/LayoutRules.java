package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import java.util.Optional;

/** The bodies of the rules that tidy layout and redundant operators, so that affine layers become adjacent. */
final class LayoutRules {

    private LayoutRules() {
    }

    /** Identity(x) → x. */
    static Optional<GraphEdit> dropIdentity(MergeState s, Node node) {
        if (node.op() != Op.IDENTITY) {
            return Optional.empty();
        }
        return Optional.of(new GraphEdit(s.graph()).remove(node).rename(node.output(), node.input(0)));
    }

    /**
     * T_q(T_p(x)) → x when q undoes p, and T_p is read only here (else it stays, and cancelling would only
     * break up the transpose pairs around a BatchNorm that the folds look for).
     */
    static Optional<GraphEdit> cancelInverseTransposes(MergeState s, Node outer) {
        if (outer.op() != Op.TRANSPOSE || !Patterns.readOnce(s.graph(), outer.input(0))) {
            return Optional.empty();
        }
        return Patterns.producer(s.graph(), outer.input(0), Op.TRANSPOSE)
                .filter(inner -> Layout.cancel(Patterns.perm(inner), Patterns.perm(outer)))
                .map(inner -> new GraphEdit(s.graph()).remove(outer).rename(outer.output(), inner.input(0)));
    }

    /** act(act(x)) → act(x) for an idempotent activation (ReLU; Clip with equal bounds). */
    static Optional<GraphEdit> dropRepeatedActivation(MergeState s, Node outer) {
        if (outer.op() != Op.RELU && outer.op() != Op.CLIP) {
            return Optional.empty();
        }
        return Patterns.producer(s.graph(), outer.input(0), outer.op())
                .filter(inner -> inner.attributes().equals(outer.attributes()))
                .map(inner -> new GraphEdit(s.graph()).remove(outer).rename(outer.output(), inner.output()));
    }

    /**
     * Gemm(T(x)) → T(Conv1×1(x)) for a channels-last view T of a conv map x: a Linear over channels is a 1×1
     * convolution, and the transpose moves past it (towards its inverse, which then cancels).
     */
    static Optional<GraphEdit> gemmOnChannelsLastToConv(MergeState s, Node gemm) {
        Graph g = s.graph();
        Optional<KernelBias> kb = Patterns.weights(g, gemm);
        Optional<Node> t = Patterns.producer(g, gemm.input(0), Op.TRANSPOSE);
        if (gemm.op() != Op.GEMM || kb.isEmpty() || t.isEmpty() || g.shape(gemm.input(0)).rank() != 4
                || !Layout.isToChannelsLast(Patterns.perm(t.get()))) {
            return Optional.empty();
        }
        GraphEdit edit = new GraphEdit(g);
        KernelBias conv = MergeAlgebra.linearAsConv1x1(kb.get());
        Attributes attrs = Attributes.builder().putInts("kernel_shape", 1, 1).putInts("strides", 1, 1)
                .putInts("pads", 0, 0, 0, 0).putInts("dilations", 1, 1).put("group", 1).build();
        Node asConv = Patterns.withWeights(edit, new Node(gemm.name(), Op.CONV, gemm.inputs(), gemm.outputs(), attrs),
                t.get().input(0), conv);
        Node back = edit.node(Op.TRANSPOSE, gemm.name() + ".to_channels_last", java.util.List.of(asConv.output()),
                Attributes.builder().putInts("perm", Layout.oneToLast(4)).build());
        edit.replace(gemm, asConv, back).rename(gemm.output(), back.output());
        return Optional.of(edit);
    }
}
