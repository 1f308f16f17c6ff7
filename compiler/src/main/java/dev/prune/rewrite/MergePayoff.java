package dev.prune.rewrite;


import dev.prune.ir.Cost;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pruning a block pays once merged: the block's cost before pruning (as the baseline computes it) and
 * after the transform and the merge. A block pays when the merge leaves it fewer layers or fewer MACs; one
 * that pays neither (a depthwise and a pointwise conv whose composition the bound refuses, an attention
 * half that keeps its layers) costs accuracy for nothing, so a recipe's search space leaves it out.
 * Computed on a graph of placeholders: shapes only, no weights.
 *
 * @param form the block's operators after the merge ({@code dwconv3×3 8→8 → conv1×1 8→8 → +x})
 * @param notes why the merge left what it left, from the merge report
 */
public record MergePayoff(String block, Cost before, Cost after, String form, List<String> notes) {

    public MergePayoff {
        notes = List.copyOf(notes);
    }

    public boolean pays() {
        return after.layers() < before.layers() || after.macs() < before.macs();
    }

    /** {@code merged, it keeps 2 of 2 layers and 100.0 % of its MACs (why)}: for the note on a block left out. */
    public String describe() {
        return String.format(Locale.ROOT, "merged, it keeps %d of %d layers and %.1f %% of its MACs (%s)", after.layers(), before.layers(),
                100.0 * after.macs() / Math.max(1, before.macs()), notes.isEmpty() ? form : String.join("; ", notes));
    }

    /**
     * Each block's payoff, from one merge of the graph with all of them pruned: the collapse works inside each
     * pruned block, against that block's own cost before, so blocks merge independently of each other.
     *
     * @throws IllegalArgumentException for a block name the graph does not have
     */
    public static Map<String, MergePayoff> of(Graph graph, Transform transform, MergeRules rules, List<String> blocks) {
        Map<String, MergePayoff> out = new LinkedHashMap<>();
        if (blocks.isEmpty()) {
            return out;
        }
        Map<String, Cost> baseline = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Block b : BlockFinder.find(graph)) {
            baseline.put(b.name(), b.cost());
            if (blocks.contains(b.name())) {
                transform.refusal(graph, b).ifPresent(why -> refused.put(b.name(), why));
            }
        }
        List<String> accepted = blocks.stream().filter(b -> !refused.containsKey(b)).toList();
        // The λ = 1 graph, unfrozen: the merge freezes it and keeps the names the transform gave the blocks.
        List<MergeReport.BlockMerge> merges;
        try {
            merges = accepted.isEmpty() ? List.of() : rules.merge(transform.apply(graph, accepted, 1.0)).report().blocks();
        } catch (IllegalArgumentException e) {
            if (!Tensor.isTooLarge(e)) {
                throw e;
            }
            // A merged kernel of a very wide model would not fit one array: judge each block alone, so that only the
            // blocks whose own merge is too large are left out.
            if (blocks.size() > 1) {
                for (String block : blocks) {
                    out.putAll(of(graph, transform, rules, List.of(block)));
                }
                return out;
            }
            Cost cost = baseline.get(blocks.get(0));
            out.put(blocks.get(0), new MergePayoff(blocks.get(0), cost, cost, "unchanged",
                    List.of("its merged form would need a tensor larger than one array holds: " + e.getMessage())));
            return out;
        }
        for (String block : blocks) {
            if (refused.containsKey(block)) {
                Cost cost = baseline.get(block);
                out.put(block, new MergePayoff(block, cost, cost, "unchanged", List.of(refused.get(block))));
                continue;
            }
            MergeReport.BlockMerge merge = merges.stream().filter(b -> b.block().equals(block)).findFirst().orElse(null);
            if (merge == null) {
                // Not linear after the transform (an activation it does not replace): the merge leaves it whole.
                Cost cost = baseline.get(block);
                out.put(block, new MergePayoff(block, cost, cost, "unchanged", List.of("not linear after the transform")));
            } else {
                out.put(block, new MergePayoff(block, merge.before(), merge.after(), merge.form(), merge.notes()));
            }
        }
        return out;
    }
}
