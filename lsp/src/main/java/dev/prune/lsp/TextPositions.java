package dev.prune.lsp;

import dev.prune.lang.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Offsets in a document's text and LSP positions (0-based line, 0-based UTF-16 column), both ways.
 * Java strings are UTF-16, so a column is a char index within its line.
 */
final class TextPositions {

    private final String text;
    private final int[] lineStarts;

    TextPositions(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    int offset(Position position) {
        int line = Math.max(0, Math.min(position.getLine(), lineStarts.length - 1));
        int lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        return Math.min(lineStarts[line] + Math.max(0, position.getCharacter()), lineEnd);
    }

    Position position(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = java.util.Arrays.binarySearch(lineStarts, clamped);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, clamped - lineStarts[line]);
    }

    Range range(int start, int end) {
        return new Range(position(start), position(end));
    }

    Range whole() {
        return range(0, text.length());
    }

    /** A span of a diagnostic or AST node, by its 1-based line and column (the last character is inclusive). */
    static Range range(Span span) {
        Position start = new Position(span.line() - 1, span.column() - 1);
        Position end = new Position(span.endLine() - 1, Math.max(span.endColumn(), span.column() - 1));
        return new Range(start, end);
    }
}
