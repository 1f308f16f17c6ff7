package dev.prune.plan;

import dev.prune.rewrite.RuleDecl;
import java.util.ArrayList;
import java.util.List;

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
        out.append("files\n");
        for (InputFile file : plan.files()) {
            out.append("  ").append(file.path()).append("  sha256 ").append(file.sha256()).append("  read by ")
                    .append(String.join(", ", file.readBy())).append('\n');
        }
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

    private static void ruleSet(String title, RuleDecl set, StringBuilder out) {
        if (set == null) {
            return;
        }
        out.append(title).append(' ').append(set.name()).append("  (").append(set.file()).append(")\n");
        for (RuleDecl.Directive d : set.directives()) {
            out.append("  ").append(d.verb()).append(' ').append(String.join(", ", d.targets()));
            if (d.replacement() != null) {
                out.append(" -> ").append(d.replacement());
            }
            if (d.progressively()) {
                out.append(" progressively");
            }
            if (!d.where().isEmpty()) {
                out.append(" where ").append(String.join(" and ", d.where().stream().map(RuleDecl.RatioBound::toString).toList()));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** A row per value; a call's arguments get a row each, so that each shows its own origin. */
    private static void rows(List<Param> params, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        params.forEach(p -> {
            if (p.call() != null && !p.args().isEmpty()) {
                rows.add(new String[] {p.path(), p.call(), p.from()});
                p.args().forEach(arg -> rows.add(new String[] {arg.path(), arg.shown(), arg.from()}));
            } else {
                rows.add(new String[] {p.path(), p.shown(), p.from()});
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
