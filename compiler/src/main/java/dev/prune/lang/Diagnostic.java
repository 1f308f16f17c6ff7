package dev.prune.lang;

import java.util.List;

/**
 * A problem found in a spec, as a value: what is wrong, where, and how to fix it. Passes collect these;
 * only the edge (the CLI, an editor) renders them.
 *
 * @param code a stable, kebab-case identifier of the kind of problem, e.g. {@code unknown-setting}
 * @param message one sentence, no position, no trailing period
 * @param help hints shown under the source line, e.g. {@code did you mean 'epochs'?}
 */
public record Diagnostic(Severity severity, String code, Span span, String message, List<String> help) {

    public Diagnostic {
        help = List.copyOf(help);
    }

    public static Diagnostic error(String code, Span span, String message, String... help) {
        return new Diagnostic(Severity.ERROR, code, span, message, List.of(help));
    }

    public static Diagnostic warning(String code, Span span, String message, String... help) {
        return new Diagnostic(Severity.WARNING, code, span, message, List.of(help));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, the first line of the rendered form. */
    public String headline() {
        return span.file() + ":" + span.line() + ":" + span.column() + ": " + severity.label() + ": " + message;
    }
}
