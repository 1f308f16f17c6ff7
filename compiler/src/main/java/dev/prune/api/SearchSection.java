package dev.prune.api;

/** The body of {@code search evolution|exhaustive|random { ... }}. */
public final class SearchSection extends SectionBuilder<SearchSection> {

    SearchSection(Settings settings) {
        super(settings);
    }

    @Override
    SearchSection with(Settings settings) {
        return new SearchSection(settings);
    }

    /** {@code population 24}: evolution only. */
    public SearchSection population(Object size) {
        return set("population", size);
    }

    /** {@code generations 8}: evolution only. */
    public SearchSection generations(Object count) {
        return set("generations", count);
    }

    /** {@code mutation 0.2}: evolution only. */
    public SearchSection mutation(Object probability) {
        return set("mutation", probability);
    }

    /** {@code score top1 on val}. */
    public SearchSection score(String metric, String split) {
        return setWithClause("score", Exprs.name(metric), "on", Exprs.name(split));
    }

    /** {@code batches 20}. */
    public SearchSection batches(Object count) {
        return set("batches", count);
    }
}
