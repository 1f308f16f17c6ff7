package dev.prune.lang;

import dev.prune.lang.Family.CallSpec;
import dev.prune.lang.Family.Param;
import dev.prune.lang.SettingSpec.ClauseSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The language reference, written from the {@link Catalogue} alone: {@code docs/language.md} is this
 * class's {@link #markdown()}, and an editor's hover shows the same paragraphs, so the two cannot drift.
 */
public final class LanguageReference {

    private LanguageReference() {
    }

    /** The whole reference, as checked in at {@code docs/language.md}. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated from compiler/src/main/java/dev/prune/lang/Catalogue.java by LanguageReference; do not edit.\n")
                .append("     Regenerate: mvn -q test -pl compiler -am -Dtest=GeneratedReferenceTest -Dprune.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false -->\n\n");
        out.append("# The .prune language reference\n\n")
                .append("A file starts with `prune ").append(Catalogue.LANGUAGE_VERSION)
                .append("`, then its imports (`import std.updp`, or `import \"lib/x.prune\" as x`), then `let` constants, ")
                .append("recipes, `transform` declarations, `rules` declarations and `experiment` declarations (a grid of runs of one ")
                .append("recipe with variants, seeds and paired comparisons: see [experiments.md](experiments.md)). Statements end at the next statement's keyword; ")
                .append("a `;` between them is allowed and never required. Comments are `// ...` and `/* ... */`.\n\n");
        out.append("## Paths\n\n").append(Catalogue.PATHS_DOC).append("\n\n");
        out.append("## Recipe settings\n\n");
        out.append("Written directly in `recipe NAME { ... }`, outside any section.\n\n");
        Catalogue.RECIPE_SETTINGS.forEach(spec -> out.append(settingEntry(spec)));
        out.append("\n## Sections\n\n");
        out.append("Required in every recipe: ")
                .append(Catalogue.REQUIRED_SECTIONS.stream().map(k -> "`" + k.keyword() + "`").collect(Collectors.joining(", ")))
                .append(", and `train subnet`.\n\n");
        for (SectionKind kind : SectionKind.values()) {
            out.append("### ").append(kind.keyword()).append("\n\n").append(sectionDoc(kind)).append("\n\n");
            Family subject = Catalogue.subjectFamily(kind);
            if (subject != null) {
                out.append("Its subject is ").append(subject.description()).append(" (see [").append(subject.name()).append("](#")
                        .append(anchor(subject.name())).append(")).\n\n");
            }
            List<String> names = Catalogue.subjectNames(kind);
            if (!names.isEmpty()) {
                out.append("Its subject is one of ").append(names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                        .append(".\n\n");
            }
            Catalogue.SECTIONS.get(kind).forEach(spec -> out.append(settingEntry(spec)));
            out.append('\n');
        }
        out.append("## Calls\n\n")
                .append("A call is written `name(arguments)`, or `name` alone when every argument has a default. Arguments are ")
                .append("positional in the order listed, or named (`lr: 1e-3`).\n\n");
        for (Family family : Catalogue.FAMILIES) {
            out.append("### ").append(family.name()).append("\n\n").append(capitalise(family.description())).append(".\n\n");
            for (CallSpec call : family.calls().values()) {
                out.append("- `").append(signature(call)).append("`: ").append(call.doc()).append('\n');
                for (Param param : call.params()) {
                    out.append("  - ").append(argumentLine(family, call, param)).append('\n');
                }
            }
            out.append('\n');
        }
        out.append("## Units\n\n");
        for (Map.Entry<Unit, String> unit : Catalogue.UNIT_DOCS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            out.append("- `").append(unit.getKey().text()).append("`: ").append(unit.getValue()).append('\n');
        }
        out.append("\n## Transform and rule declarations\n\n")
                .append("`transform NAME { ... }` lists directives that prune a block; its verbs and what each applies to:\n\n");
        directiveTable(out, Catalogue.TRANSFORM_VERBS);
        out.append("\n`replace` names its replacement after `->`: ")
                .append(Catalogue.REPLACEMENTS.stream().map(r -> "`" + r + "`").collect(Collectors.joining(", ")))
                .append("; `progressively` blends it in as λ goes 0 → 1.\n\n")
                .append("`rules NAME { ... }` lists the merge rules; its verbs and what each applies to:\n\n");
        directiveTable(out, Catalogue.RULE_VERBS);
        out.append("\nA rule may be bounded by `where METRIC <= R x` (and more conditions joined by `and`); the metrics are ")
                .append(Catalogue.RULE_METRICS.stream().map(r -> "`" + r + "`").collect(Collectors.joining(", ")))
                .append(", each a ratio to the block before merging.\n\n");
        out.append("## Standard library\n\n");
        Stdlib.MODULES.forEach(m -> out.append("- `import ").append(m).append("`\n"));
        return out.toString();
    }

    private static void directiveTable(StringBuilder out, Map<String, List<String>> verbs) {
        verbs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append("- `").append(e.getKey()).append("`: ").append(String.join(", ", e.getValue())).append('\n'));
    }

    /** A section's paragraph. */
    public static String sectionDoc(SectionKind kind) {
        return Catalogue.SECTION_DOCS.get(kind);
    }

    /** One setting as a list item: key, what it takes, default, clauses, where it applies. */
    public static String settingEntry(SettingSpec spec) {
        return "- " + settingDoc(spec).replace("\n", "\n  ") + "\n";
    }

    /** A setting's documentation in a few lines of Markdown. */
    public static String settingDoc(SettingSpec spec) {
        StringBuilder out = new StringBuilder("`").append(spec.key()).append("`");
        if (!spec.clausesOnly()) {
            out.append(" ").append(spec.many() ? "one or more of: " : "").append(spec.type().describe());
        }
        out.append(": ").append(spec.doc());
        if (spec.required()) {
            out.append(". Required.");
        } else if (spec.defaultValue().isPresent()) {
            out.append(". Default: `").append(Values.show(spec.defaultValue().get())).append("`.");
        } else {
            out.append(".");
        }
        if (!spec.only().isEmpty()) {
            out.append(" Only in ").append(spec.only().stream().sorted().map(s -> "`" + s + "`").collect(Collectors.joining(", "))).append('.');
        }
        for (ClauseSpec clause : spec.clauses()) {
            out.append("\n`").append(spec.key()).append(" … ").append(clause.keyword()).append("` ")
                    .append(clause.many() ? "one or more of: " : "").append(clause.type().describe());
            clause.defaultValue().filter(v -> !(v instanceof Value.Lst l && l.items().isEmpty()))
                    .ifPresent(v -> out.append(", default `").append(Values.show(v)).append('`'));
            out.append('.');
        }
        return out.toString();
    }

    /** {@code adamw(lr, weight_decay, beta1, beta2)}. */
    public static String signature(CallSpec call) {
        if (call.params().isEmpty()) {
            return call.name();
        }
        return call.name() + "(" + call.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")";
    }

    /** A call's documentation with each argument. */
    public static String callDoc(Family family, CallSpec call) {
        StringBuilder out = new StringBuilder("`").append(signature(call)).append("`: ").append(call.doc())
                .append(" (").append(family.description()).append(")");
        for (Param param : call.params()) {
            out.append("\n- ").append(argumentLine(family, call, param));
        }
        return out.toString();
    }

    /** {@code lr}: a positive number; learning rate. Default {@code 0.001}. */
    public static String argumentLine(Family family, CallSpec call, Param param) {
        StringBuilder out = new StringBuilder("`").append(param.name()).append("`: ").append(param.type().describe())
                .append("; ").append(Catalogue.argumentDoc(family, call, param));
        out.append(param.defaultValue().map(v -> ". Default `" + Values.show(v) + "`.").orElse(". Required."));
        return out.toString();
    }

    /** A unit's documentation. */
    public static String unitDoc(Unit unit) {
        return "`" + unit.text() + "`: " + Catalogue.UNIT_DOCS.get(unit);
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
