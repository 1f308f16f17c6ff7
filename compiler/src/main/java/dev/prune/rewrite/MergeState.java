package dev.prune.rewrite;

import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the merge driver carries from rewrite to rewrite: the current graph, which pruned block owns each
 * node (new nodes inherit the owner of the node they replace), each block's cost before the merge (the
 * reference of the rules' bounds), and notes on what was left and why.
 */
final class MergeState {

    /** A pruned block of the graph being merged. */
    record PrunedBlock(String name, Cost before) {
    }

    private Graph graph;
    private final Map<String, PrunedBlock> blocks = new LinkedHashMap<>();
    private final Map<String, String> owner = new HashMap<>();
    private final Map<String, Set<String>> notes = new LinkedHashMap<>();
    private final MergeRules.Bounds bounds;

    /**
     * @param baselineShare per conv, the share of its output that the baseline computes (see
     *     {@link BaselineCost}); a block's cost before the merge counts only that share
     */
    MergeState(Graph graph, List<Block> pruned, MergeRules.Bounds bounds, Map<String, Double> baselineShare) {
        this.graph = graph;
        this.bounds = bounds;
        for (Block b : pruned) {
            blocks.put(b.name(), new PrunedBlock(b.name(), BaselineCost.of(graph, b.nodes(), baselineShare)));
            b.nodes().forEach(n -> owner.put(n.name(), b.name()));
            notes.put(b.name(), new LinkedHashSet<>());
        }
    }

    Graph graph() {
        return graph;
    }

    MergeRules.Bounds bounds() {
        return bounds;
    }

    Map<String, PrunedBlock> blocks() {
        return blocks;
    }

    /** Takes the result of an edit: the new graph, and owners for the nodes that replaced owned ones. */
    void accept(GraphEdit edit, Graph next) {
        edit.replacements().forEach((old, news) -> {
            String o = owner.get(old);
            if (o != null) {
                news.forEach(n -> owner.put(n.name(), o));
            }
        });
        graph = next;
    }

    /** The pruned block owning {@code node}. */
    Optional<PrunedBlock> blockOf(Node node) {
        return Optional.ofNullable(owner.get(node.name())).map(blocks::get);
    }

    /** The current nodes of a block. */
    List<Node> nodesOf(PrunedBlock block) {
        List<Node> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (block.name().equals(owner.get(n.name()))) {
                out.add(n);
            }
        }
        return out;
    }

    Cost costOf(PrunedBlock block) {
        return CostModel.of(graph, nodesOf(block));
    }

    void note(PrunedBlock block, String note) {
        notes.get(block.name()).add(note);
    }

    List<String> notesOf(String block) {
        return List.copyOf(notes.get(block));
    }
}
