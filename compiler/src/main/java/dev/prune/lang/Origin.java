package dev.prune.lang;

/**
 * Where a resolved value came from: written in the spec, brought in by an import, a default of the
 * language, or {@code --set} on the command line. {@code span} points at the text for all but defaults.
 */
public record Origin(Kind kind, Span span) {

    public enum Kind {
        SPEC, IMPORT, DEFAULT, SET,
        /** Computed from the model by the checker (the candidate blocks); the span is the text it was derived from. */
        DERIVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, Span.NONE);

    /** Names the origin as {@code spec quickstart.prune:12:5}, {@code import std/updp.prune:3:1}, {@code default}, {@code --set 1}. */
    public String describe() {
        return switch (kind) {
            case DEFAULT -> "default";
            case SET -> span.file();
            default -> kind.label() + " " + span.file() + ":" + span.line() + ":" + span.column();
        };
    }
}
