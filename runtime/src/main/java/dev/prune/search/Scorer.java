package dev.prune.search;

import java.util.List;

/** Scores a set of blocks, higher is better (top-1 on the validation split, or minus the loss). */
@FunctionalInterface
public interface Scorer {

    double score(List<String> blocks);
}
