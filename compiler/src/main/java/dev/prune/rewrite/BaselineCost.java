package dev.prune.rewrite;

import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A block's cost as the baseline computes it. With its padding moved to the front (see {@link FrontPadding}),
 * a λ = 1 block computes a ring of extra pixels around its intermediate maps, which the baseline does not:
 * the merge's bounds are ratios to the block before pruning, so that ring is left out of the reference.
 * The ring is read off the fading masks of the transformed graph: {@code Blend(v·mask, v)}.
 */
final class BaselineCost {

    private BaselineCost() {
    }

    /** Per conv whose output a fading mask cuts: the share of its output pixels inside the mask. */
    static Map<String, Double> ringShares(Graph transformed) {
        Map<String, Double> shares = new HashMap<>();
        for (Node blend : transformed.nodes()) {
            if (blend.op() != Op.BLEND) {
                continue;
            }
            Optional<Node> mul = Patterns.producer(transformed, blend.input(0), Op.MUL)
                    .filter(m -> m.input(0).equals(blend.input(1)) && transformed.isParameter(m.input(1)));
            if (mul.isEmpty()) {
                continue;
            }
            Tensor mask = transformed.parameter(mul.get().input(1)).orElseThrow().value();
            if (mask.rank() != 4 || !mask.hasData()) {
                continue;
            }
            double inside = 0;
            for (int i = 0; i < mask.size(); i++) {
                inside += mask.get(i);
            }
            double share = inside / mask.size();
            producingConv(transformed, blend.input(1)).ifPresent(c -> shares.put(c.name(), share));
        }
        return shares;
    }

    /** The conv a value comes from through per-pixel ops (first inputs only). */
    private static Optional<Node> producingConv(Graph g, String value) {
        Optional<Node> p = g.producer(value);
        while (p.isPresent() && p.get().op() != Op.CONV) {
            Op op = p.get().op();
            if (op == Op.RESHAPE || op == Op.FLATTEN || op.is(Op.Family.POOLING) || op == Op.SLICE || op == Op.PAD) {
                return Optional.empty();
            }
            p = g.producer(p.get().input(0));
        }
        return p;
    }

    static Cost of(Graph g, Collection<Node> nodes, Map<String, Double> share) {
        Cost actual = CostModel.of(g, nodes);
        double extra = 0;
        for (Node n : nodes) {
            Double s = share.get(n.name());
            if (s != null) {
                extra += CostModel.macs(g, n) * (1 - s);
            }
        }
        return new Cost(actual.macs() - Math.round(extra), actual.params(), actual.layers());
    }
}
