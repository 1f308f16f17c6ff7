package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * An experiment after checking: its grid of cells (variant × draw × seed), each a recipe checked with the
 * variant's overrides and the cell's seed; the control, if any; the matched-cost links; the comparisons.
 *
 * @param recipe      the base recipe as written, checked without overrides (the control's stages come from it)
 * @param seedStages  the stages each seed goes to, as setting prefixes ({@code train.subnet}, {@code search})
 */
public record CheckedExperiment(String name, String file, CheckedRecipe recipe, List<Long> seeds, List<String> seedStages,
        List<String> variants, List<Cell> cells, Optional<String> control, List<Match> matches, List<Comparison> comparisons) {

    public CheckedExperiment {
        seeds = List.copyOf(seeds);
        seedStages = List.copyOf(seedStages);
        variants = List.copyOf(variants);
        cells = List.copyOf(cells);
        matches = List.copyOf(matches);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One run of the grid.
     *
     * @param draw 1 to N for a variant with {@code draws N} (the search's seed), 0 otherwise
     */
    public record Cell(String variant, int draw, long seed, CheckedRecipe recipe) {
        /** {@code direct/seed 3}, {@code random/draw 2/seed 3}: how reports and folders name the cell. */
        public String label() {
            return variant + (draw > 0 ? "/draw " + draw : "") + "/seed " + seed;
        }
    }

    /** {@code macs within 5% of updp} in variant {@code random}: each draw's MACs within {@code percent} of updp's chosen set. */
    public record Match(String variant, String reference, double percent) {
    }

    /** {@code compare left - right on test top1 paired}: per seed, left minus right (a variant with draws: their mean). */
    public record Comparison(String left, String right, String split, String metric) {
        public String title() {
            return left + " - " + right + " on " + split + " " + metric;
        }
    }

    public List<Cell> cellsOf(String variant) {
        return cells.stream().filter(c -> c.variant().equals(variant)).toList();
    }

    public Optional<Match> matchOf(String variant) {
        return matches.stream().filter(m -> m.variant().equals(variant)).findFirst();
    }
}
