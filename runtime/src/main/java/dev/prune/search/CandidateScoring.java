package dev.prune.search;

import java.util.List;

/**
 * How a search's candidate sets get their scores: the search hands over every set it can score without
 * knowing the others' scores (a whole space, a random sample, one generation), and the strategy scores
 * them here one after the other or spread over a cluster. The scores come back in the order of the sets,
 * so the search's choice cannot depend on which worker finished first.
 */
public interface CandidateScoring {

    /** The score of each set, higher is better, in the order of {@code sets}. */
    double[] scoreAll(List<List<String>> sets);

    /** Where the scores are computed, for the log. */
    String describe();

    /** Scores in this thread, one set after the other. */
    static CandidateScoring oneByOne(Scorer scorer) {
        return new CandidateScoring() {
            @Override
            public double[] scoreAll(List<List<String>> sets) {
                return sets.stream().mapToDouble(scorer::score).toArray();
            }

            @Override
            public String describe() {
                return "in this thread";
            }
        };
    }
}
