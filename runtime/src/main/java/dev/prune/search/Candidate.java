package dev.prune.search;

import java.util.List;

/**
 * A set of blocks to prune, in the model's block order, with the cost the pruned and merged model would
 * have and the score the supernet gives it.
 */
public record Candidate(List<String> blocks, long macs, long params, double score) {

    public Candidate {
        blocks = List.copyOf(blocks);
    }
}
