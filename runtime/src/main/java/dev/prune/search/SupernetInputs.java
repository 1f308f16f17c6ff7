package dev.prune.search;

import dev.prune.data.Batch;
import dev.prune.ir.Graph;
import java.util.List;

/**
 * What a worker needs to evaluate sets without the run's files: the supernet with its trained weights, the
 * candidate blocks, the scoring batches (the first {@code search.batches} of the split the search scores on),
 * and the training batches each set's BatchNorm statistics are recomputed from first ({@code search.recalibrate};
 * none: the supernet's shared statistics are kept).
 */
public record SupernetInputs(Graph supernet, List<String> candidates, List<Batch> batches, List<Batch> recalibration) {

    public SupernetInputs {
        candidates = List.copyOf(candidates);
        batches = List.copyOf(batches);
        recalibration = List.copyOf(recalibration);
    }

    public SupernetInputs(Graph supernet, List<String> candidates, List<Batch> batches) {
        this(supernet, candidates, batches, List.of());
    }
}
