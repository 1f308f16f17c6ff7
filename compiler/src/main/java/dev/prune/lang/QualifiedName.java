package dev.prune.lang;

import java.util.List;
import java.util.stream.Collectors;

/** A dotted name such as {@code updp.merge} or {@code std.updp}. */
public record QualifiedName(Span span, List<Name> parts) implements Node {

    public QualifiedName {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a qualified name needs at least one part");
        }
    }

    public static QualifiedName of(String dotted) {
        return new QualifiedName(Span.NONE, java.util.Arrays.stream(dotted.split("\\.")).map(Name::of).toList());
    }

    public String dotted() {
        return parts.stream().map(Name::text).collect(Collectors.joining("."));
    }

    public String last() {
        return parts.get(parts.size() - 1).text();
    }

    public boolean isSimple() {
        return parts.size() == 1;
    }

    @Override
    public String toString() {
        return dotted();
    }
}
