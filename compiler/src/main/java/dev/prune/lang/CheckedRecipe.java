package dev.prune.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipe after checking: every setting resolved to a value with its origin, by its path
 * ({@code train.baseline.epochs}, {@code export.verify.atol}; a section's subject under the section's
 * name, e.g. {@code model}), the train stages it has, and the transform and rules it names, resolved.
 */
public record CheckedRecipe(String name, String file, Map<String, Resolved> params, List<String> trainStages,
        RuleSet transform, RuleSet rules) {

    public CheckedRecipe {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        trainStages = List.copyOf(trainStages);
    }

    public Value value(String path) {
        Resolved resolved = params.get(path);
        if (resolved == null) {
            throw new IllegalArgumentException("recipe " + name + " has no parameter " + path);
        }
        return resolved.value();
    }

    /** The parameters under a prefix ({@code train.baseline}), with the prefix and its dot removed. */
    public Map<String, Resolved> under(String prefix) {
        Map<String, Resolved> out = new LinkedHashMap<>();
        params.forEach((path, value) -> {
            if (path.equals(prefix)) {
                out.put("", value);
            } else if (path.startsWith(prefix + ".")) {
                out.put(path.substring(prefix.length() + 1), value);
            }
        });
        return out;
    }

    /** A transform or rules declaration, resolved: where it was declared and its directives. */
    public record RuleSet(String name, String file, List<ResolvedDirective> directives) {
        public RuleSet {
            directives = List.copyOf(directives);
        }
    }

    public record ResolvedDirective(String verb, List<String> targets, String replacement, boolean progressively,
            List<Value.Cond> conditions) {
        public ResolvedDirective {
            targets = List.copyOf(targets);
            conditions = List.copyOf(conditions);
        }
    }
}
