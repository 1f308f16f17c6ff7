package dev.prune.lang;

import java.util.Map;

/**
 * A parsed file with the modules it imports, by the namespace each is reached under
 * ({@code updp} for {@code import std.updp}).
 */
public record Module(ParsedFile parsed, Map<String, Module> imports) {

    public Module {
        imports = Map.copyOf(imports);
    }

    public String name() {
        return parsed.source().name();
    }

    public SpecFile ast() {
        return parsed.ast().orElseThrow(() -> new IllegalStateException(name() + " has syntax errors"));
    }
}
