package dev.prune.plan;

import dev.prune.lang.CheckedRecipe.ResolvedDirective;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import dev.prune.lang.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON (schema: {@code plan.schema.json} beside this class). Every parameter appears as
 * {@code {"value": ..., "from": "spec file:line:col" | "import ..." | "default" | "set --set N:..."}}, call
 * arguments included, so that a reader sees where each value came from.
 */
public final class PlanJson {

    private PlanJson() {
    }

    public static String write(Plan plan) {
        return Json.pretty(toMap(plan));
    }

    public static Map<String, Object> toMap(Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan_version", Plan.FORMAT_VERSION);
        out.put("recipe", plan.recipe());
        out.put("file", plan.file());
        out.put("shared", withOrigins(plan.shared()));
        out.put("transform", ruleSet(plan.transform()));
        out.put("rules", ruleSet(plan.rules()));
        List<Object> stages = new ArrayList<>();
        for (Stage stage : plan.stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", stage.name());
            s.put("kind", stage.kind().id());
            s.put("inputs", stage.inputs());
            s.put("uses", stage.uses());
            s.put("hash", stage.hash());
            s.put("params", withOrigins(stage.params()));
            stages.add(s);
        }
        out.put("stages", stages);
        return out;
    }

    static Map<String, Object> withOrigins(Map<String, Resolved> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((path, resolved) -> out.put(path, resolved(resolved)));
        return out;
    }

    private static Map<String, Object> resolved(Resolved resolved) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value(resolved.value(), true));
        out.put("from", resolved.origin().describe());
        return out;
    }

    /** Values only, no origins: what hashes are taken of, and what toolchains read of a checked recipe. */
    public static Map<String, Object> values(Map<String, Resolved> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((path, resolved) -> out.put(path, value(resolved.value(), false)));
        return out;
    }

    static Object ruleSetContent(RuleSet set) {
        if (set == null) {
            return null;
        }
        List<Object> directives = new ArrayList<>();
        for (ResolvedDirective d : set.directives()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("verb", d.verb());
            out.put("targets", d.targets());
            out.put("replacement", d.replacement());
            out.put("progressively", d.progressively());
            out.put("where", d.conditions().stream().map(c -> value(c, false)).toList());
            directives.add(out);
        }
        return directives;
    }

    private static Object ruleSet(RuleSet set) {
        if (set == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", set.name());
        out.put("file", set.file());
        out.put("directives", ruleSetContent(set));
        return out;
    }

    /**
     * A value as JSON: a plain number, a string or a list as themselves; a number with a unit as
     * {@code {"value": 0.5, "unit": "epochs"}}; a call as {@code {"call": "adamw", "args": {...}}}; a range
     * as {@code {"min": 2, "max": 6}}; a bound as {@code {"metric": "macs", "op": "<=", "bound": ...}}.
     */
    static Object value(Value value, boolean origins) {
        if (value instanceof Value.Num num) {
            Object number = num.isInteger() ? (Object) num.asLong() : (Object) num.value();
            if (num.unit() == Unit.NONE) {
                return number;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", number);
            out.put("unit", num.unit().text());
            return out;
        }
        if (value instanceof Value.Str str) {
            return str.value();
        }
        if (value instanceof Value.Sym sym) {
            return sym.name();
        }
        if (value instanceof Value.Lst list) {
            return list.items().stream().map(v -> value(v, origins)).toList();
        }
        if (value instanceof Value.Fn fn) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("call", fn.name());
            Map<String, Object> args = new LinkedHashMap<>();
            fn.args().forEach((name, arg) -> args.put(name, origins ? resolved(arg) : value(arg.value(), false)));
            out.put("args", args);
            return out;
        }
        if (value instanceof Value.Rng range) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min", range.low());
            out.put("max", range.high());
            return out;
        }
        if (value instanceof Value.Cond cond) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metric", cond.metric());
            out.put("op", cond.op().symbol());
            out.put("bound", value(cond.bound(), origins));
            return out;
        }
        throw new IllegalArgumentException("an unchecked value reached the plan: " + Values.show(value));
    }
}
