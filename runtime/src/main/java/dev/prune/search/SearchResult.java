package dev.prune.search;

import java.util.List;

/** Every candidate scored, in the order they were scored, and the best one. */
public record SearchResult(List<Candidate> scored, Candidate best) {

    public SearchResult {
        scored = List.copyOf(scored);
    }
}
