package dev.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search hands its sets over in batches (what a cluster scores in parallel) and chooses as when scoring one by one. */
class CandidateScoringTest {

    private static SearchSpace space(int min, int max) {
        List<String> blocks = new ArrayList<>();
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            blocks.add("b" + i);
            costs.put("b" + i, new BlockCost("b" + i, 20_000_000L, 20_000_000L - (10 - i) * 1_000_000L, 1000, 900));
        }
        return new SearchSpace(blocks, min, max, 200_000_000L, 10_000, costs, List.of());
    }

    /** Scores like a scorer that prefers low-numbered blocks, counting the batches it is given. */
    private static final class Batches implements CandidateScoring {
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public double[] scoreAll(List<List<String>> sets) {
            sizes.add(sets.size());
            assertEquals(sets.size(), new HashSet<>(sets).size(), "no set twice in a batch");
            return sets.stream().mapToDouble(CandidateScoringTest::score).toArray();
        }

        @Override
        public String describe() {
            return "counting";
        }
    }

    private static double score(List<String> blocks) {
        return 100 - blocks.stream().mapToInt(b -> Integer.parseInt(b.substring(1)) * (b.hashCode() % 3 + 1)).sum();
    }

    @Test
    void exhaustiveAndRandomHandOverEverySetInOneBatch() {
        Batches exhaustive = new Batches();
        assertEquals(Search.exhaustive(space(2, 3), CandidateScoringTest::score), Search.exhaustive(space(2, 3), exhaustive));
        assertEquals(List.of(45 + 120), exhaustive.sizes);
        Batches random = new Batches();
        assertEquals(Search.random(space(2, 4), CandidateScoringTest::score, 20, 5), Search.random(space(2, 4), random, 20, 5));
        assertEquals(List.of(20), random.sizes);
    }

    @Test
    void evolutionHandsOverOneBatchPerGenerationAndChoosesAsOneByOne() {
        for (long seed = 0; seed < 10; seed++) {
            Batches batches = new Batches();
            SearchResult batched = Search.evolution(space(2, 4), batches, 12, 6, 0.3, seed);
            assertEquals(Search.evolution(space(2, 4), CandidateScoringTest::score, 12, 6, 0.3, seed), batched);
            assertTrue(batches.sizes.size() <= 6, batches.sizes::toString);
            assertEquals(12, batches.sizes.get(0), "the first generation is one batch");
            assertEquals(batched.scored().size(), batches.sizes.stream().mapToInt(Integer::intValue).sum());
        }
    }
}
