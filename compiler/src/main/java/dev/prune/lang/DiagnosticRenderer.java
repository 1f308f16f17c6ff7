package dev.prune.lang;

import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics as text for people:
 * <pre>
 * recipe.prune:12:5: error: unknown setting 'epocs' in train baseline
 *    12 |     epocs 3
 *       |     ^^^^^
 *       = help: did you mean 'epochs'?
 * </pre>
 * The caret covers the span on its first line. Sources are looked up by the span's file name; a
 * diagnostic whose source is unknown is rendered as its headline alone.
 */
public final class DiagnosticRenderer {

    private final Map<String, Source> sources;

    public DiagnosticRenderer(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(diagnostic));
        }
        int errors = (int) diagnostics.stream().filter(Diagnostic::isError).count();
        int warnings = diagnostics.size() - errors;
        if (!diagnostics.isEmpty()) {
            out.append(count(errors, "error"));
            if (warnings > 0) {
                out.append(", ").append(count(warnings, "warning"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public String render(Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder(diagnostic.headline()).append('\n');
        Span span = diagnostic.span();
        Source source = sources.get(span.file());
        String gutter = " ".repeat(Integer.toString(span.line()).length() + 1);
        if (source != null) {
            String line = source.line(span.line());
            out.append(' ').append(span.line()).append(" | ").append(line.replace('\t', ' ')).append('\n');
            int width = span.endLine() == span.line() ? Math.max(1, span.endColumn() - span.column() + 1)
                    : Math.max(1, line.length() - span.column() + 1);
            out.append(gutter).append(" | ").append(" ".repeat(span.column() - 1)).append("^".repeat(width)).append('\n');
        }
        for (String help : diagnostic.help()) {
            out.append(gutter).append(" = help: ").append(help).append('\n');
        }
        return out.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
