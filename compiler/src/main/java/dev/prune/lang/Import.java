package dev.prune.lang;

import java.util.Optional;

/**
 * {@code import std.updp} (a module of the standard library) or {@code import "lib/common.prune"} (a file,
 * relative to the importing one), optionally {@code as} a shorter name.
 */
public record Import(Span span, Target target, Optional<Name> alias) implements Node {

    /** What an import names: a dotted module or a quoted path. */
    public sealed interface Target permits Module, Path {
    }

    public record Module(QualifiedName name) implements Target {
    }

    public record Path(String path) implements Target {
    }

    /** The name under which the imported declarations are reached: the alias, else the last module part or file stem. */
    public String namespace() {
        if (alias.isPresent()) {
            return alias.get().text();
        }
        if (target instanceof Module module) {
            return module.name().last();
        }
        String path = ((Path) target).path();
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".prune") ? file.substring(0, file.length() - ".prune".length()) : file;
    }
}
