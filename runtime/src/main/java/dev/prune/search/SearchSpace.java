package dev.prune.search;

import dev.prune.plan.SpacePlan.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which sets of blocks a search may choose: between {@code minBlocks} and {@code maxBlocks} of the
 * candidates, within the plan's budgets. Knows each candidate set's cost from the per-block costs; a bound that
 * must be measured (latency) is a predicate, asked only about sets that pass the counted budgets (MACs, parameters).
 */
public record SearchSpace(List<String> candidates, int minBlocks, int maxBlocks, long baselineMacs, long baselineParams,
        Map<String, BlockCost> costs, List<Budget> budgets, java.util.function.Predicate<List<String>> measured) {

    public SearchSpace(List<String> candidates, int minBlocks, int maxBlocks, long baselineMacs, long baselineParams,
            Map<String, BlockCost> costs, List<Budget> budgets) {
        this(candidates, minBlocks, maxBlocks, baselineMacs, baselineParams, costs, budgets, blocks -> true);
    }

    public SearchSpace {
        candidates = List.copyOf(candidates);
        costs = Map.copyOf(costs);
        budgets = List.copyOf(budgets);
        if (minBlocks < 1 || maxBlocks < minBlocks || maxBlocks > candidates.size()) {
            throw new IllegalArgumentException("cannot choose " + minBlocks + ".." + maxBlocks + " of " + candidates.size() + " blocks");
        }
        for (String block : candidates) {
            if (!costs.containsKey(block)) {
                throw new IllegalArgumentException("no cost for block " + block);
            }
        }
    }

    public long macs(List<String> blocks) {
        return baselineMacs - blocks.stream().mapToLong(b -> costs.get(b).macsSaved()).sum();
    }

    public long params(List<String> blocks) {
        return baselineParams - blocks.stream().mapToLong(b -> costs.get(b).paramsSaved()).sum();
    }

    public boolean withinBudgets(List<String> blocks) {
        long macs = macs(blocks);
        long params = params(blocks);
        for (Budget budget : budgets) {
            if (budget.metric() == Budget.Metric.LATENCY) {
                continue;
            }
            long value = budget.metric() == Budget.Metric.MACS ? macs : params;
            long baseline = budget.metric() == Budget.Metric.MACS ? baselineMacs : baselineParams;
            if (!budget.allows(value, baseline)) {
                return false;
            }
        }
        return measured.test(blocks);
    }

    /** The blocks of a set in the candidates' order, so that equal sets are equal lists. */
    public List<String> canonical(java.util.Collection<String> blocks) {
        List<String> out = new ArrayList<>();
        for (String candidate : candidates) {
            if (blocks.contains(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** How many sets the space holds, capped at {@code Long.MAX_VALUE}: whether exhaustive search is feasible. */
    public long size() {
        long total = 0;
        for (int k = minBlocks; k <= maxBlocks; k++) {
            total = saturatingAdd(total, binomial(candidates.size(), k));
        }
        return total;
    }

    private static long binomial(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            if (result > Long.MAX_VALUE / (n - k + i)) {
                return Long.MAX_VALUE;
            }
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
