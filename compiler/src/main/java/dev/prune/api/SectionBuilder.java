package dev.prune.api;

import dev.prune.lang.Clause;
import dev.prune.lang.Expr;
import dev.prune.lang.Name;
import dev.prune.lang.Setting;
import dev.prune.lang.Span;
import java.util.Arrays;
import java.util.List;

/**
 * What the section builders share: their settings, and the ways to write one. Each section builder is
 * immutable; its methods return a new builder, as {@code UnaryOperator} edits in {@link Recipe} expect.
 */
abstract class SectionBuilder<S extends SectionBuilder<S>> {

    final Settings settings;

    SectionBuilder(Settings settings) {
        this.settings = settings;
    }

    /** A new builder of the same kind over other settings. */
    abstract S with(Settings settings);

    /** {@code key v1, v2, ...}. */
    final S set(String key, Object... values) {
        return with(settings.put(key, exprs(values)));
    }

    /** {@code key value keyword clauseValue}, e.g. {@code val 10% from train}, {@code score top1 on val}. */
    final S setWithClause(String key, Object value, String keyword, Object clauseValue) {
        Clause clause = new Clause(Span.NONE, keyword, List.of(Exprs.of(clauseValue)));
        return with(settings.put(new Setting(Span.NONE, Name.of(key), List.of(Exprs.of(value)), List.of(clause), true)));
    }

    /** {@code key keyword value}, e.g. {@code verify atol 1e-4}: a key whose content is all in one clause. */
    final S setClauseOnly(String key, String keyword, Object value) {
        Clause clause = new Clause(Span.NONE, keyword, List.of(Exprs.of(value)));
        return with(settings.put(new Setting(Span.NONE, Name.of(key), List.of(), List.of(clause), true)));
    }

    static List<Expr> exprs(Object... values) {
        return Arrays.stream(values).map(Exprs::of).toList();
    }
}
