package dev.prune.plan;

import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Resolved;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a recipe runs, with nothing left implicit: the shared settings (seed, model, data, runtime), the
 * transform and rule set as declared, and the stages in order. The runtime executes this, never the AST.
 */
public record Plan(String recipe, String file, Map<String, Resolved> shared, RuleSet transform, RuleSet rules,
        List<Stage> stages) {

    /** Version of the plan's JSON form; bump it when the JSON changes shape. */
    public static final int FORMAT_VERSION = 1;

    public Plan {
        shared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        stages = List.copyOf(stages);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
