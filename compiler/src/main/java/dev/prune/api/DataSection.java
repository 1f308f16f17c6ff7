package dev.prune.api;

/** The body of {@code data <dataset> { ... }}. */
public final class DataSection extends SectionBuilder<DataSection> {

    DataSection(Settings settings) {
        super(settings);
    }

    @Override
    DataSection with(Settings settings) {
        return new DataSection(settings);
    }

    /** {@code batch 128}. */
    public DataSection batch(Object size) {
        return set("batch", size);
    }

    /** {@code val 2000 from train} or, with {@link Exprs#percent}, {@code val 10% from train}; train is the only split to take it from. */
    public DataSection val(Object amount) {
        return setWithClause("val", amount, "from", Exprs.name("train"));
    }

    /** {@code augment random_crop(28, padding: 2), hflip}. */
    public DataSection augment(CallBuilder... steps) {
        return set("augment", (Object[]) steps);
    }

    /** {@code preprocess resize(256), center_crop(224), normalize(mean: [...], std: [...])}. */
    public DataSection preprocess(CallBuilder... steps) {
        return set("preprocess", (Object[]) steps);
    }

    /** {@code workers 4}. */
    public DataSection workers(Object count) {
        return set("workers", count);
    }
}
