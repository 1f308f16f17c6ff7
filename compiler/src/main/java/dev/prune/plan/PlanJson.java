package dev.prune.plan;

import dev.prune.lang.CheckedRecipe;
import dev.prune.rewrite.RuleDecl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON (schema: {@code plan.schema.json} beside this class), rendered from the values the
 * bindings produced. Every parameter appears as {@code {"value": ..., "from": "spec file:line:col" |
 * "import ..." | "default" | "set --set N:..."}}, call arguments included, so that a reader sees where each
 * value came from. A number with a unit is {@code {"value": 0.5, "unit": "epochs"}}; a call
 * {@code {"call": "adamw", "args": {...}}}; a range {@code {"min": 2, "max": 6}}; a bound
 * {@code {"metric": "macs", "op": "<=", "bound": ...}}.
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
        List<Object> files = new ArrayList<>();
        for (InputFile file : plan.files()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", file.path());
            f.put("sha256", file.sha256());
            f.put("read_by", file.readBy());
            files.add(f);
        }
        out.put("files", files);
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

    static Map<String, Object> withOrigins(List<Param> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach(p -> out.put(p.path(), p.withOrigin()));
        return out;
    }

    /** A checked recipe's values as bound, by path, without origins: what toolchains read of a checked recipe. */
    public static Map<String, Object> values(CheckedRecipe recipe) {
        Map<String, Object> out = new LinkedHashMap<>();
        Plan plan = Planner.plan(recipe, ContentDigests.inMemory());
        plan.shared().forEach(p -> out.put(p.path(), p.plain()));
        plan.stages().forEach(s -> s.params().forEach(p -> out.putIfAbsent(p.path(), p.plain())));
        Map<String, Object> ordered = new LinkedHashMap<>();
        recipe.params().keySet().forEach(path -> ordered.put(path, out.get(path)));
        return ordered;
    }

    private static Object ruleSet(RuleDecl set) {
        if (set == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", set.name());
        out.put("file", set.file());
        out.put("directives", Planner.ruleSetContent(set));
        return out;
    }
}
