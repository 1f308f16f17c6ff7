package dev.prune.lang;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean": the nearest candidates to a misspelt name by edit distance. */
public final class Suggest {

    private Suggest() {
    }

    /** The closest candidate, when it is close enough to be a likely slip. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        return near(word, candidates, 1).stream().findFirst();
    }

    /** Up to {@code limit} candidates within a distance that grows with the word's length, closest first. */
    public static List<String> near(String word, Collection<String> candidates, int limit) {
        int threshold = Math.max(2, word.length() / 3);
        return candidates.stream()
                .distinct()
                .filter(c -> distance(word, c) <= threshold || c.startsWith(word) && word.length() >= 3)
                .sorted(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c))
                .limit(limit)
                .toList();
    }

    /** "did you mean 'epochs'?", or the list of valid names when none is close. */
    public static String help(String word, Collection<String> candidates, String what) {
        Optional<String> nearest = nearest(word, candidates);
        if (nearest.isPresent()) {
            return "did you mean '" + nearest.get() + "'?";
        }
        return what + ": " + String.join(", ", candidates.stream().sorted().toList());
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
