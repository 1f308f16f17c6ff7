package dev.prune.plan;

import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a plan, a pure function of what it declares: its parameters (by their spec path, e.g.
 * {@code train.subnet.epochs}), the shared parts of the plan it uses ({@code model}, {@code data},
 * {@code seed}, {@code transform}, {@code rules}), and the outputs of its input stages. Its hash covers
 * exactly these, so a stage whose hash has a finished output can be reused.
 */
public record Stage(String name, StageKind kind, List<String> inputs, List<String> uses, Map<String, Resolved> params,
        String hash) {

    public Stage {
        inputs = List.copyOf(inputs);
        uses = List.copyOf(uses);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public Value value(String path) {
        Resolved resolved = params.get(path);
        if (resolved == null) {
            throw new IllegalArgumentException("stage " + name + " has no parameter " + path);
        }
        return resolved.value();
    }

    /** The first 12 hex digits of the hash: enough to tell stages apart in a table or a folder name. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
