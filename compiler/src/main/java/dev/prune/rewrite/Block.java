package dev.prune.rewrite;

import dev.prune.ir.Cost;
import dev.prune.ir.Node;
import dev.prune.ir.Shape;
import java.util.List;
import java.util.Optional;

/**
 * A single-entry, single-exit region of a graph: the unit the UPDP transform prunes.
 *
 * @param name the block's module path from its parameters' names ({@code layer2.1}, {@code features.4},
 *     {@code blocks.3.attn}); unique within a graph
 * @param nodes the region's nodes, in topological order
 * @param entry the one value entering the region
 * @param exit the one value leaving it
 * @param residual true when the exit is an Add joining the entry back (a skip connection)
 * @param rejection why the block is not a candidate for the UPDP transform; empty when it is
 */
public record Block(String name, List<Node> nodes, String entry, String exit, Shape entryShape, Shape exitShape,
        Cost cost, boolean residual, Optional<String> rejection) {

    public Block {
        nodes = List.copyOf(nodes);
    }

    /** A candidate keeps its input's shape (stride 1, same channels), so the transform can linearise it. */
    public boolean isCandidate() {
        return rejection.isEmpty();
    }

    public boolean contains(Node node) {
        return nodes.contains(node);
    }

    @Override
    public String toString() {
        return name + " " + entryShape + " -> " + exitShape + (residual ? " residual" : " chain") + ", " + cost
                + rejection.map(r -> " (not a candidate: " + r + ")").orElse("");
    }
}
