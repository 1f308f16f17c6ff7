package dev.prune.lang;

/** {@code prune 1}: the language version the file is written in. */
public record Header(Span span, int version) implements Node {
}
