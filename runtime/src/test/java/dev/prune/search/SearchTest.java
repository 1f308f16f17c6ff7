package dev.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.plan.SpacePlan.Budget;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchTest {

    /** Ten blocks; pruning block i costs i points of accuracy and saves (10 − i) MMACs. */
    private static SearchSpace space(int min, int max, List<Budget> budgets) {
        List<String> blocks = new java.util.ArrayList<>();
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            String name = "b" + i;
            blocks.add(name);
            costs.put(name, new BlockCost(name, 20_000_000L, 20_000_000L - (10 - i) * 1_000_000L, 1000, 900));
        }
        return new SearchSpace(blocks, min, max, 200_000_000L, 10_000, costs, budgets);
    }

    private static double accuracy(List<String> blocks) {
        return 100 - blocks.stream().mapToInt(b -> Integer.parseInt(b.substring(1))).sum();
    }

    @Test
    void exhaustiveScoresEverySetOnceAndFindsTheBest() {
        SearchResult result = Search.exhaustive(space(2, 3, List.of()), OnceOnly.counting(SearchTest::accuracy));
        assertEquals(45 + 120, result.scored().size());
        assertEquals(List.of("b0", "b1"), result.best().blocks());
        assertEquals(new HashSet<>(result.scored()).size(), result.scored().size());
    }

    @Test
    void budgetsAreRespected() {
        // MACs after pruning b0 and b1 would be 200 − 10 − 9 = 181 M > 0.9 × 200; the best set within budget prunes more.
        SearchSpace space = space(1, 10, List.of(new Budget(Budget.Metric.MACS, true, 0.85, Budget.BoundUnit.TIMES_BASELINE)));
        SearchResult result = Search.exhaustive(space, SearchTest::accuracy);
        for (Candidate candidate : result.scored()) {
            assertTrue(candidate.macs() <= 170_000_000L, candidate::toString);
        }
        assertEquals(List.of("b0", "b1", "b2", "b3"), result.best().blocks());
        assertEquals(166_000_000L, result.best().macs());
    }

    @Test
    void evolutionFindsTheOptimumOfASmallSpaceAndIsDeterministic() {
        SearchSpace space = space(3, 3, List.of());
        SearchResult a = Search.evolution(space, SearchTest::accuracy, 12, 12, 0.3, 7);
        SearchResult b = Search.evolution(space, SearchTest::accuracy, 12, 12, 0.3, 7);
        assertEquals(List.of("b0", "b1", "b2"), a.best().blocks());
        assertEquals(a.scored(), b.scored());
        Set<List<String>> distinct = new HashSet<>();
        a.scored().forEach(c -> distinct.add(c.blocks()));
        assertEquals(a.scored().size(), distinct.size(), "no set is scored twice");
    }

    @Test
    void randomDrawsTheAskedNumberOfDistinctSets() {
        SearchResult result = Search.random(space(2, 2, List.of()), SearchTest::accuracy, 10, 3);
        assertEquals(10, result.scored().size());
        assertEquals(result.best().score(), result.scored().stream().mapToDouble(Candidate::score).max().orElseThrow());
    }

    // ---- each search setting has an effect: population, generations, mutation, seed (score, batches and
    // recalibrate are shown on a tiny run: ReusedStageTest, SpecFolderRunTest, ExperimentRunTest).

    @Test
    void populationIsTheNumberOfSetsAGenerationScores() {
        SearchSpace space = space(3, 3, List.of());
        for (int population : List.of(1, 5, 9)) {
            assertEquals(population, Search.evolution(space, SearchTest::accuracy, population, 1, 0.2, 7).scored().size());
            assertEquals(population, Search.random(space, SearchTest::accuracy, population, 7).scored().size());
        }
    }

    @Test
    void eachGenerationScoresMoreSetsAfterTheSameFirstOnes() {
        SearchSpace space = space(3, 3, List.of());
        List<Candidate> previous = Search.evolution(space, SearchTest::accuracy, 6, 1, 0.2, 7).scored();
        assertEquals(6, previous.size());
        for (int generations = 2; generations <= 4; generations++) {
            List<Candidate> scored = Search.evolution(space, SearchTest::accuracy, 6, generations, 0.2, 7).scored();
            assertTrue(scored.size() > previous.size(), generations + " generations: " + scored.size());
            assertEquals(previous, scored.subList(0, previous.size()), "the same draws, then one more generation");
            previous = scored;
        }
    }

    @Test
    void mutationChangesWhichSetsAreMet() {
        SearchSpace space = space(3, 3, List.of());
        SearchResult none = Search.evolution(space, SearchTest::accuracy, 8, 4, 0.0, 7);
        SearchResult all = Search.evolution(space, SearchTest::accuracy, 8, 4, 1.0, 7);
        assertEquals(none.scored().subList(0, 8), all.scored().subList(0, 8), "the first generation is drawn, not mutated");
        assertTrue(!none.scored().equals(all.scored()), "later generations differ");
    }

    @Test
    void theSeedChoosesTheDraws() {
        SearchSpace space = space(3, 3, List.of());
        assertEquals(Search.random(space, SearchTest::accuracy, 5, 1).scored(), Search.random(space, SearchTest::accuracy, 5, 1).scored());
        assertTrue(!Search.random(space, SearchTest::accuracy, 5, 1).scored().equals(Search.random(space, SearchTest::accuracy, 5, 2).scored()));
        assertTrue(!Search.evolution(space, SearchTest::accuracy, 5, 2, 0.2, 1).scored()
                .equals(Search.evolution(space, SearchTest::accuracy, 5, 2, 0.2, 2).scored()));
    }

    @Test
    void anImpossibleBudgetIsAClearError() {
        SearchSpace space = space(1, 1, List.of(new Budget(Budget.Metric.PARAMS, true, 0.5, Budget.BoundUnit.TIMES_BASELINE)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Search.exhaustive(space, SearchTest::accuracy));
        assertTrue(e.getMessage().contains("budgets"));
    }

    @Test
    void spaceSizeCountsTheSets() {
        assertEquals(45 + 120, space(2, 3, List.of()).size());
        assertEquals(1023, space(1, 10, List.of()).size());
    }

    /**
     * Four blocks listed in {@code order}; every set scores the same. b1 and b3 save 5 MMACs each, b0 and b2 save 2:
     * among tied scores the fewer MACs win, and between b1 and b3 (tied MACs too) the name.
     */
    private static SearchSpace tiedSpace(List<String> order, int k) {
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (String name : order) {
            long saved = name.equals("b1") || name.equals("b3") ? 5_000_000L : 2_000_000L;
            costs.put(name, new BlockCost(name, 20_000_000L, 20_000_000L - saved, 1000, 900));
        }
        return new SearchSpace(order, k, k, 100_000_000L, 10_000, costs, List.of());
    }

    private static final List<String> FORWARD = List.of("b0", "b1", "b2", "b3");
    private static final List<String> BACKWARD = List.of("b3", "b2", "b1", "b0");

    @Test
    void tiedScoresGoToTheFewerMacsThenToTheFirstName() {
        Scorer tied = blocks -> 0.0938;
        for (List<String> order : List.of(FORWARD, BACKWARD)) {
            // Every strategy scores all four sets of this space, in an order that depends on the listing and the seed.
            List<SearchResult> results = List.of(Search.exhaustive(tiedSpace(order, 1), tied),
                    Search.random(tiedSpace(order, 1), tied, 4, 11), Search.evolution(tiedSpace(order, 1), tied, 4, 3, 0.5, 11));
            for (SearchResult result : results) {
                assertEquals(4, result.scored().size());
                assertEquals(List.of("b1"), result.best().blocks(), "listed as " + order);
            }
        }
    }

    @Test
    void tiedScoresAndMacsGoToTheSetWhoseSortedNamesComeFirst() {
        Scorer tied = blocks -> 0.5;
        // {b1, b3} saves 10 M; {b0, b1}, {b0, b3}, {b1, b2} and {b2, b3} save 7 M each; {b0, b2} 4 M. A budget of at
        // least 7 M saved and a measured bound that refuses {b1, b3} leave the four pairs that tie on MACs.
        Budget sevenMillion = new Budget(Budget.Metric.MACS, true, 0.93, Budget.BoundUnit.TIMES_BASELINE);
        for (List<String> order : List.of(FORWARD, BACKWARD)) {
            SearchSpace space = new SearchSpace(order, 2, 2, 100_000_000L, 10_000, tiedSpace(order, 2).costs(), List.of(sevenMillion),
                    blocks -> !new HashSet<>(blocks).equals(Set.of("b1", "b3")));
            for (SearchResult result : List.of(Search.exhaustive(space, tied), Search.random(space, tied, 6, 5),
                    Search.evolution(space, tied, 6, 4, 0.5, 5))) {
                assertEquals(List.of("b0", "b1"), new java.util.ArrayList<>(new java.util.TreeSet<>(result.best().blocks())),
                        "listed as " + order + ", scored " + result.scored());
            }
        }
    }

    @Test
    void aDivergedScoreRanksBelowEveryNumber() {
        SearchResult result = Search.exhaustive(tiedSpace(FORWARD, 1), blocks -> blocks.equals(List.of("b1")) ? Double.NaN : 0.1);
        assertEquals(List.of("b3"), result.best().blocks());
    }
}

/** Test helper: a scorer that fails if asked twice about the same set. */
final class OnceOnly {
    static Scorer counting(Scorer inner) {
        Set<List<String>> seen = new HashSet<>();
        return blocks -> {
            if (!seen.add(blocks)) {
                throw new AssertionError("scored twice: " + blocks);
            }
            return inner.score(blocks);
        };
    }
}
