package dev.prune.run;

import dev.prune.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Does the search's score order the sets as training them does? Over an experiment's pruned cells, the rank
 * correlation between the score the search gave each trained set and the set's final test top-1.
 *
 * <p>Only cells whose subnets trained alike are compared (the same {@code train.subnet} settings but the seed,
 * scored by the same metric): a set trained by UPDP and another pruned at once differ in more than the set. Within
 * such a group each distinct set is one point, its score and its test top-1 each the mean over the cells (seeds)
 * that trained it: seeds measure the same set again, so pooling them as separate points would count one set
 * several times and inflate n, and averaging takes out the seed's noise, which no score can predict. A group is
 * reported once it has two distinct sets (the searched set and cost-matched random draws, typically).
 */
final class SearchScoreCorrelation {

    private SearchScoreCorrelation() {
    }

    /**
     * One pruned cell.
     *
     * @param training    how its subnet trained, as a comparable key (its settings but its seed)
     * @param score       what the search ranked by ({@code top1 on val}); oriented so that higher is better
     * @param searchScore the search's score of the set it chose (top-1, or minus the mean loss)
     */
    record Point(String variant, String training, String score, List<String> blocks, double searchScore, double testTop1) {
        Point {
            blocks = List.copyOf(blocks);
        }
    }

    /** A distinct set of a group: the mean of its cells' scores and of their test top-1. */
    record SetPoint(List<String> blocks, double searchScore, double testTop1, int cells) {
    }

    /** Cells trained alike: their variants, the score, one point per distinct set, and the correlation over the sets. */
    record Group(List<String> variants, String score, List<SetPoint> sets, RankCorrelation.Result correlation) {
    }

    /** The groups with at least two distinct sets, in the order of their first cells. */
    static List<Group> of(List<Point> points) {
        Map<String, List<Point>> byGroup = new LinkedHashMap<>();
        for (Point p : points) {
            byGroup.computeIfAbsent(p.training() + "\n" + p.score(), k -> new ArrayList<>()).add(p);
        }
        List<Group> out = new ArrayList<>();
        for (List<Point> group : byGroup.values()) {
            Map<List<String>, List<Point>> bySet = new LinkedHashMap<>();
            Set<String> variants = new LinkedHashSet<>();
            for (Point p : group) {
                bySet.computeIfAbsent(p.blocks(), k -> new ArrayList<>()).add(p);
                variants.add(p.variant());
            }
            if (bySet.size() < 2) {
                continue;
            }
            List<SetPoint> sets = new ArrayList<>();
            for (Map.Entry<List<String>, List<Point>> set : bySet.entrySet()) {
                List<Point> cells = set.getValue();
                sets.add(new SetPoint(set.getKey(), cells.stream().mapToDouble(Point::searchScore).average().orElseThrow(),
                        cells.stream().mapToDouble(Point::testTop1).average().orElseThrow(), cells.size()));
            }
            RankCorrelation.Result r = RankCorrelation.of(sets.stream().mapToDouble(SetPoint::searchScore).toArray(),
                    sets.stream().mapToDouble(SetPoint::testTop1).toArray());
            out.add(new Group(List.copyOf(variants), group.get(0).score(), sets, r));
        }
        return out;
    }
}
