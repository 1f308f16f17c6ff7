package dev.prune.plan;

import dev.prune.lang.CheckedRecipe.ResolvedDirective;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Value;
import dev.prune.rewrite.RuleDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one translation of a checked {@code transform} or {@code rules} declaration into the rewrite's own
 * {@link RuleDecl}: the planner binds it into the plan, and the checker's block catalogue (the zoo) judges
 * merge payoffs with it, so that the rewrite depends on no type of the language and the zoo on no planner.
 */
public final class RuleDecls {

    private RuleDecls() {
    }

    /** The rewrite's form of {@code set}; null for no declaration. */
    public static RuleDecl of(RuleSet set) {
        if (set == null) {
            return null;
        }
        List<RuleDecl.Directive> directives = new ArrayList<>();
        for (ResolvedDirective d : set.directives()) {
            List<RuleDecl.RatioBound> where = new ArrayList<>();
            for (Value.Cond c : d.conditions()) {
                where.add(new RuleDecl.RatioBound(RuleDecl.RatioBound.Metric.valueOf(c.metric().toUpperCase(Locale.ROOT)),
                        RuleDecl.RatioBound.Relation.valueOf(c.op().name()), c.bound().value()));
            }
            directives.add(new RuleDecl.Directive(d.verb(), d.targets(), d.replacement(), d.progressively(), where));
        }
        return new RuleDecl(set.name(), set.file(), directives);
    }
}
