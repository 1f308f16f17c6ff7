package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cells the rank correlation compares, and how a set trained with several seeds becomes one point. */
class SearchScoreCorrelationTest {

    private static SearchScoreCorrelation.Point point(String variant, String training, String set, double score, double top1) {
        return new SearchScoreCorrelation.Point(variant, training, "top1 on val", List.of(set), score, top1);
    }

    /**
     * updp's set A and the random draws' sets B and C trained alike over two seeds; direct trained A otherwise. The
     * group has three points, each the mean of its two seeds: A (0.60, 0.86), B (0.50, 0.84), C (0.55, 0.87). Scores
     * rank B < C < A, top-1 ranks B < A < C: ρ = 1 − 6·2 / (3·8) = 0.5, τ = (2 − 1) / 3.
     */
    @Test
    void oneSetIsOnePointOfItsTrainingGroup() {
        List<SearchScoreCorrelation.Group> groups = SearchScoreCorrelation.of(List.of(
                point("updp", "linear", "A", 0.60, 0.85), point("updp", "linear", "A", 0.60, 0.87),
                point("direct", "immediate", "A", 0.60, 0.80), point("direct", "immediate", "A", 0.60, 0.81),
                point("random", "linear", "B", 0.50, 0.83), point("random", "linear", "B", 0.50, 0.85),
                point("random", "linear", "C", 0.54, 0.87), point("random", "linear", "C", 0.56, 0.87)));
        assertEquals(1, groups.size(), "direct trained a single set: no correlation of its own");
        SearchScoreCorrelation.Group g = groups.get(0);
        assertEquals(List.of("updp", "random"), g.variants());
        assertEquals(3, g.sets().size());
        assertEquals(List.of("C"), g.sets().get(2).blocks());
        assertEquals(0.55, g.sets().get(2).searchScore(), 1e-15);
        assertEquals(0.86, g.sets().get(0).testTop1(), 1e-15);
        assertEquals(2, g.sets().get(1).cells());
        assertEquals(0.5, g.correlation().spearman(), 1e-12);
        assertEquals(1.0 / 3, g.correlation().kendall(), 1e-12);
    }

    @Test
    void scoresOfAnotherKindAreNotCompared() {
        List<SearchScoreCorrelation.Group> groups = SearchScoreCorrelation.of(List.of(
                point("updp", "linear", "A", 0.60, 0.85),
                new SearchScoreCorrelation.Point("random", "linear", "loss on val", List.of("B"), -0.4, 0.84)));
        assertTrue(groups.isEmpty());
    }
}
