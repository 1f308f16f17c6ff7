package dev.prune.rewrite;

import dev.prune.ir.Cost;
import java.util.List;
import java.util.Map;

/**
 * What a merge did: per pruned block its merged form, cost before and after, and notes on what was left
 * unmerged and why; how often each rule fired; the whole graph's cost before and after.
 */
public record MergeReport(List<BlockMerge> blocks, Map<String, Integer> rulesFired, Cost before, Cost after) {

    public MergeReport {
        blocks = List.copyOf(blocks);
        rulesFired = Map.copyOf(rulesFired);
    }

    /**
     * @param form the block's operators after the merge, in order ({@code conv5×5 16→16})
     * @param notes what was left and why (empty when the block collapsed as far as the rules go)
     */
    public record BlockMerge(String block, String form, Cost before, Cost after, List<String> notes) {

        public BlockMerge {
            notes = List.copyOf(notes);
        }

        public double macsRatio() {
            return ComposeRules.ratio(after.macs(), before.macs());
        }

        @Override
        public String toString() {
            return String.format("%s: %s; MACs %,d → %,d (%.2f×), layers %d → %d%s", block, form, before.macs(), after.macs(),
                    macsRatio(), before.layers(), after.layers(), notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        }
    }

    public BlockMerge block(String name) {
        return blocks.stream().filter(b -> b.block().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no merged block " + name + " in " + blocks));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("merge: ").append(before).append(" → ").append(after);
        blocks.forEach(m -> b.append("\n  ").append(m));
        b.append("\n  rules fired: ").append(rulesFired);
        return b.toString();
    }
}
