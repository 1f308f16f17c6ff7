package dev.prune.api;

import dev.prune.lang.Comparison;
import dev.prune.lang.Name;
import dev.prune.lang.Range;
import dev.prune.lang.Span;
import java.util.List;

/** The body of {@code space { ... }}: the candidate blocks, how many to prune, and the transform. */
public final class SpaceSection extends SectionBuilder<SpaceSection> {

    SpaceSection(Settings settings) {
        super(settings);
    }

    @Override
    SpaceSection with(Settings settings) {
        return new SpaceSection(settings);
    }

    /** {@code blocks "features.*.*"}: selectors (globs) on the model's block names. Replaces any earlier {@code except}. */
    public SpaceSection blocks(String... selectors) {
        return set("blocks", (Object[]) selectors);
    }

    /** {@code ... except "features.*.0"}: adds to the selectors left out; call after {@link #blocks}. */
    public SpaceSection except(String... selectors) {
        return with(settings.addToClause("blocks", "except", exprs((Object[]) selectors)));
    }

    /** {@code prune 4}. Replaces any earlier {@code where}. */
    public SpaceSection prune(Object count) {
        return set("prune", count);
    }

    /** {@code prune 2..6}. Replaces any earlier {@code where}. */
    public SpaceSection prune(Object low, Object high) {
        return set("prune", new Range(Span.NONE, Exprs.of(low), Exprs.of(high)));
    }

    /**
     * {@code ... where macs <= 0.8 x baseline}; each call adds one bound ({@code and}). Call after {@link #prune}.
     *
     * @param operator one of {@code <=}, {@code <}, {@code >=}, {@code >}, {@code ==}
     */
    public SpaceSection where(String metric, String operator, Object bound) {
        Comparison condition = new Comparison(Span.NONE, Name.of(Exprs.identifier(metric)), Comparison.Operator.of(operator),
                Exprs.of(bound));
        return with(settings.addToClause("prune", "where", List.of(condition)));
    }

    /** {@code transform updp.block}: the name of a transform declaration. */
    public SpaceSection transform(String name) {
        return set("transform", Exprs.name(name));
    }
}
