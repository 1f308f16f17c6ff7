package dev.prune.lang;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The diagnostics a pass has collected so far, kept in the order of their position in the file. */
public final class Diagnostics {

    private final List<Diagnostic> list = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        list.add(diagnostic);
    }

    public void error(String code, Span span, String message, String... help) {
        add(Diagnostic.error(code, span, message, help));
    }

    public void warning(String code, Span span, String message, String... help) {
        add(Diagnostic.warning(code, span, message, help));
    }

    public void addAll(List<Diagnostic> diagnostics) {
        list.addAll(diagnostics);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Diagnostic::isError);
    }

    public int size() {
        return list.size();
    }

    /** Sorted by file, then position; the same problem reported twice at one place appears once. */
    public List<Diagnostic> sorted() {
        // Spans compare equal to each other (AST equality is structural), so identity here needs the position spelt out.
        java.util.Set<String> seen = new java.util.HashSet<>();
        return list.stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.span().file())
                        .thenComparingInt(d -> d.span().line())
                        .thenComparingInt(d -> d.span().column()))
                .filter(d -> seen.add(d.span().file() + ":" + d.span().line() + ":" + d.span().column() + ":" + d.code() + ":" + d.message()))
                .toList();
    }

    public int errorCount() {
        return (int) list.stream().filter(Diagnostic::isError).count();
    }
}
