package dev.prune.search;

import dev.prune.data.Batch;
import dev.prune.ir.Graph;
import java.util.List;

/**
 * What a worker needs to evaluate sets without the run's files: the supernet with its trained weights, the
 * candidate blocks, and the scoring batches (the first {@code search.batches} of the split the search scores on).
 */
public record SupernetInputs(Graph supernet, List<String> candidates, List<Batch> batches) {

    public SupernetInputs {
        candidates = List.copyOf(candidates);
        batches = List.copyOf(batches);
    }
}
