package dev.prune.report;

/** Text that is not one well-formed JSON value; the message names the column (1-based). */
public final class JsonSyntaxException extends IllegalArgumentException {

    private final int column;

    JsonSyntaxException(String message, int column) {
        super("column " + column + ": " + message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
