package dev.prune.rewrite;

import dev.prune.ir.Graph;

/** The merged graph and the report of how it was reached. */
public record MergeResult(Graph graph, MergeReport report) {
}
