package dev.prune.plan;

import dev.prune.lang.CheckedRecipe.ResolvedDirective;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import dev.prune.lang.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plan as a table for people: every resolved value, one per line, with where it came from. */
public final class PlanTable {

    private PlanTable() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("plan for recipe ").append(plan.recipe()).append(" (").append(plan.file()).append(")\n\n");
        out.append("shared\n");
        rows(plan.shared(), out);
        out.append('\n');
        ruleSet("transform", plan.transform(), out);
        ruleSet("rules", plan.rules(), out);
        int index = 1;
        for (Stage stage : plan.stages()) {
            out.append("stage ").append(index++).append(": ").append(stage.name())
                    .append("  [").append(stage.kind().id()).append("]  hash ").append(stage.shortHash());
            if (!stage.inputs().isEmpty()) {
                out.append("  after ").append(String.join(", ", stage.inputs()));
            }
            out.append("  uses ").append(String.join(", ", stage.uses())).append('\n');
            rows(stage.params(), out);
            out.append('\n');
        }
        return out.toString();
    }

    private static void ruleSet(String title, RuleSet set, StringBuilder out) {
        if (set == null) {
            return;
        }
        out.append(title).append(' ').append(set.name()).append("  (").append(set.file()).append(")\n");
        for (ResolvedDirective d : set.directives()) {
            out.append("  ").append(d.verb()).append(' ').append(String.join(", ", d.targets()));
            if (d.replacement() != null) {
                out.append(" -> ").append(d.replacement());
            }
            if (d.progressively()) {
                out.append(" progressively");
            }
            if (!d.conditions().isEmpty()) {
                out.append(" where ").append(String.join(" and ", d.conditions().stream().map(Values::show).toList()));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** A row per value; a call's arguments get a row each, so that each shows its own origin. */
    private static void rows(Map<String, Resolved> params, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        params.forEach((path, resolved) -> {
            if (resolved.value() instanceof Value.Fn fn && !fn.args().isEmpty()) {
                rows.add(new String[] {path, fn.name(), resolved.origin().describe()});
                fn.args().forEach((arg, value) -> rows.add(new String[] {path + "." + arg, Values.show(value.value()), value.origin().describe()}));
            } else {
                rows.add(new String[] {path, Values.show(resolved.value()), resolved.origin().describe()});
            }
        });
        int pathWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int valueWidth = Math.min(48, rows.stream().mapToInt(r -> r[1].length()).max().orElse(0));
        for (String[] row : rows) {
            out.append("  ").append(pad(row[0], pathWidth)).append("  ").append(pad(row[1], valueWidth)).append("  ").append(row[2]).append('\n');
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
