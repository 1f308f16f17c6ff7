package dev.prune.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The search strategies over which blocks to prune. Each scores candidates with the supernet through a
 * {@link Scorer}, never scores the same set twice, respects the budgets, and is deterministic given its
 * seed. Scoring one candidate is independent of every other, which is what a distributed run would
 * spread over machines.
 */
public final class Search {

    /**
     * The better candidate first: the higher score, then (a tie) the fewer MACs, then the block names
     * compared in sorted order. Candidates tie whenever the supernet cannot tell them apart (a tiny model that
     * predicts one class scores every set the same), so the order must not be left to float rounding or to
     * the order in which sets were scored: every machine, thread count and strategy makes the same choice.
     */
    static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Search::rank).reversed()
            .thenComparingLong(Candidate::macs)
            .thenComparing(c -> c.blocks().stream().sorted().toList(), Search::lexicographic);

    private final SearchSpace space;
    private final CandidateScoring scoring;
    private final Map<List<String>, Candidate> memo = new HashMap<>();
    private final List<Candidate> order = new ArrayList<>();
    /** Sets admitted and not scored yet, in the order they were met: scored together, as one batch of independent tasks. */
    private final List<List<String>> pending = new ArrayList<>();

    private Search(SearchSpace space, CandidateScoring scoring) {
        this.space = space;
        this.scoring = scoring;
    }

    /** Every set in the space, smallest first. */
    public static SearchResult exhaustive(SearchSpace space, Scorer scorer) {
        return exhaustive(space, CandidateScoring.oneByOne(scorer));
    }

    /** Every set in the space, smallest first, all scored in one batch. */
    public static SearchResult exhaustive(SearchSpace space, CandidateScoring scoring) {
        Search search = new Search(space, scoring);
        for (int k = space.minBlocks(); k <= space.maxBlocks(); k++) {
            search.combinations(k, 0, new ArrayList<>());
        }
        search.scorePending();
        return search.result();
    }

    /** {@code samples} sets drawn uniformly (size uniform in the range, then blocks uniform): the ablation without search. */
    public static SearchResult random(SearchSpace space, Scorer scorer, int samples, long seed) {
        return random(space, CandidateScoring.oneByOne(scorer), samples, seed);
    }

    /** As {@link #random(SearchSpace, Scorer, int, long)}; the draws do not depend on scores, so all are scored in one batch. */
    public static SearchResult random(SearchSpace space, CandidateScoring scoring, int samples, long seed) {
        Search search = new Search(space, scoring);
        Random random = new Random(seed);
        int attempts = 0;
        while (search.pending.size() < Math.min(samples, space.size()) && attempts++ < samples * 50) {
            search.admit(search.draw(random));
        }
        search.scorePending();
        return search.result();
    }

    /**
     * Evolution: a random first generation; then each generation keeps the better half and fills the rest
     * with mutants (each chosen block swapped for an unchosen one with probability {@code mutation}) and
     * crossovers (blocks drawn from two parents).
     */
    public static SearchResult evolution(SearchSpace space, Scorer scorer, int population, int generations, double mutation,
            long seed) {
        return evolution(space, CandidateScoring.oneByOne(scorer), population, generations, mutation, seed);
    }

    /**
     * As {@link #evolution(SearchSpace, Scorer, int, int, double, long)}, scoring each generation's new sets in one
     * batch: which children a generation holds depends on its parents' scores, never on its own, so the sets met
     * and the choice are the same as scoring them one by one.
     */
    public static SearchResult evolution(SearchSpace space, CandidateScoring scoring, int population, int generations,
            double mutation, long seed) {
        Search search = new Search(space, scoring);
        Random random = new Random(seed);
        List<List<String>> first = new ArrayList<>();
        int attempts = 0;
        while (first.size() < population && attempts++ < population * 50) {
            search.admit(search.draw(random)).ifPresent(key -> {
                if (!first.contains(key)) {
                    first.add(key);
                }
            });
        }
        List<Candidate> current = search.scored(first);
        for (int g = 1; g < generations && !current.isEmpty(); g++) {
            current.sort(BEST_FIRST);
            List<Candidate> parents = new ArrayList<>(current.subList(0, Math.max(1, current.size() / 2)));
            List<List<String>> next = new ArrayList<>(parents.stream().map(Candidate::blocks).toList());
            attempts = 0;
            while (next.size() < population && attempts++ < population * 50) {
                Candidate a = parents.get(random.nextInt(parents.size()));
                List<String> child = random.nextBoolean()
                        ? search.mutate(a.blocks(), mutation, random)
                        : search.crossover(a.blocks(), parents.get(random.nextInt(parents.size())).blocks(), random);
                search.admit(child).ifPresent(key -> {
                    if (!next.contains(key)) {
                        next.add(key);
                    }
                });
            }
            current.clear();
            current.addAll(search.scored(next));
        }
        return search.result();
    }

    private void combinations(int k, int from, List<String> chosen) {
        if (chosen.size() == k) {
            admit(chosen);
            return;
        }
        for (int i = from; i < space.candidates().size(); i++) {
            chosen.add(space.candidates().get(i));
            combinations(k, i + 1, chosen);
            chosen.remove(chosen.size() - 1);
        }
    }

    private List<String> draw(Random random) {
        int k = space.minBlocks() + random.nextInt(space.maxBlocks() - space.minBlocks() + 1);
        List<String> shuffled = new ArrayList<>(space.candidates());
        Collections.shuffle(shuffled, random);
        return space.canonical(shuffled.subList(0, k));
    }

    private List<String> mutate(List<String> blocks, double probability, Random random) {
        Set<String> out = new LinkedHashSet<>(blocks);
        List<String> unchosen = new ArrayList<>(space.candidates());
        unchosen.removeAll(blocks);
        for (String block : blocks) {
            if (!unchosen.isEmpty() && random.nextDouble() < probability) {
                out.remove(block);
                out.add(unchosen.remove(random.nextInt(unchosen.size())));
            }
        }
        // A mutation that changed nothing still moves: swap one block, so the generation explores.
        if (out.equals(new LinkedHashSet<>(blocks)) && !unchosen.isEmpty()) {
            out.remove(blocks.get(random.nextInt(blocks.size())));
            out.add(unchosen.get(random.nextInt(unchosen.size())));
        }
        return space.canonical(out);
    }

    private List<String> crossover(List<String> a, List<String> b, Random random) {
        List<String> pool = new ArrayList<>(new LinkedHashSet<>(a));
        for (String block : b) {
            if (!pool.contains(block)) {
                pool.add(block);
            }
        }
        int k = random.nextBoolean() ? a.size() : b.size();
        Collections.shuffle(pool, random);
        return space.canonical(pool.subList(0, Math.min(k, pool.size())));
    }

    /** The set's canonical form when it fits the space and the budgets; queued for scoring unless known. */
    private java.util.Optional<List<String>> admit(List<String> blocks) {
        List<String> key = space.canonical(blocks);
        if (key.size() < space.minBlocks() || key.size() > space.maxBlocks() || !space.withinBudgets(key)) {
            return java.util.Optional.empty();
        }
        if (!memo.containsKey(key) && !pending.contains(key)) {
            pending.add(key);
        }
        return java.util.Optional.of(key);
    }

    /** Scores what is pending, in one batch, and records the results in the order the sets were met. */
    private void scorePending() {
        if (pending.isEmpty()) {
            return;
        }
        double[] scores = scoring.scoreAll(List.copyOf(pending));
        if (scores.length != pending.size()) {
            throw new IllegalStateException(scores.length + " scores for " + pending.size() + " sets");
        }
        for (int i = 0; i < scores.length; i++) {
            List<String> key = pending.get(i);
            Candidate candidate = new Candidate(key, space.macs(key), space.params(key), scores[i]);
            memo.put(key, candidate);
            order.add(candidate);
        }
        pending.clear();
    }

    private List<Candidate> scored(List<List<String>> keys) {
        scorePending();
        List<Candidate> out = new ArrayList<>();
        keys.forEach(key -> out.add(memo.get(key)));
        return out;
    }

    /** The score, a NaN (a diverged loss) ranking below every number. */
    private static double rank(Candidate c) {
        return Double.isNaN(c.score()) ? Double.NEGATIVE_INFINITY : c.score();
    }

    private static int lexicographic(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private SearchResult result() {
        if (order.isEmpty()) {
            throw new IllegalStateException("no set of blocks fits the budgets");
        }
        return new SearchResult(order, order.stream().min(BEST_FIRST).orElseThrow());
    }
}
