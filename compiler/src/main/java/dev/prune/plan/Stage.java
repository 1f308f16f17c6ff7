package dev.prune.plan;

import java.util.List;

/**
 * One step of a plan, a pure function of what it declares: its parameters (by their spec path, e.g.
 * {@code train.subnet.epochs}), the shared parts of the plan it uses ({@code model}, {@code data},
 * {@code seed}, {@code transform}, {@code rules}), and the outputs of its input stages. Its hash covers
 * exactly these, so a stage whose hash has a finished output can be reused. Its typed settings are the
 * plan's record for its kind ({@link Plan#search()}, ...); {@code params} are those values as the plan shows them.
 */
public record Stage(String name, StageKind kind, List<String> inputs, List<String> uses, List<Param> params, String hash) {

    public Stage {
        inputs = List.copyOf(inputs);
        uses = List.copyOf(uses);
        params = List.copyOf(params);
    }

    /** The first 12 hex digits of the hash: enough to tell stages apart in a table or a folder name. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
