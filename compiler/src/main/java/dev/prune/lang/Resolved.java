package dev.prune.lang;

/** A value and where it came from. */
public record Resolved(Value value, Origin origin) {

    public static Resolved byDefault(Value value) {
        return new Resolved(value, Origin.DEFAULT);
    }
}
