package dev.prune.search;

/**
 * What pruning one block saves: its MACs and parameters in the baseline, and after the transform and the
 * merge. The cost of a candidate is the baseline's minus the savings of its blocks, which is exact when
 * blocks merge independently of each other.
 */
public record BlockCost(String block, long macsBefore, long macsAfter, long paramsBefore, long paramsAfter) {

    public long macsSaved() {
        return macsBefore - macsAfter;
    }

    public long paramsSaved() {
        return paramsBefore - paramsAfter;
    }
}
