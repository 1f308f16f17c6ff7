package dev.prune.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured markdown table: a header, an alignment per column, rows of cells. */
final class MarkdownTable {

    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns named {@code header}; a name starting with '>' is right-aligned (numbers), the '>' dropped. */
    MarkdownTable(String... header) {
        this.header = new ArrayList<>();
        this.rightAligned = new ArrayList<>();
        for (String column : header) {
            boolean right = column.startsWith(">");
            this.header.add(right ? column.substring(1) : column);
            this.rightAligned.add(right);
        }
    }

    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size()
                    + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        List<String> rule = new ArrayList<>();
        for (boolean right : rightAligned) {
            rule.add(right ? "---:" : "---");
        }
        line(out, rule);
        for (List<String> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            // A '|' inside a cell would end it early.
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}
