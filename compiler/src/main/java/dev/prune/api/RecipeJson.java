package dev.prune.api;

import dev.prune.lang.CheckedRecipe;
import dev.prune.plan.Json;
import dev.prune.plan.PlanJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checked recipe's resolved parameters as JSON, for toolchains that read what a spec means rather than
 * how it is written: every parameter by its path, defaults filled in, in the checker's order.
 * <pre>{@code
 * {"recipe":"quickstart","stages":["baseline","supernet","subnet"],
 *  "params":{"seed":7,"model":{"call":"convnext","args":{"depths":[1,1,3,1],...}},
 *            "train.baseline.schedule":{"call":"cosine","args":{"warmup":{"value":0.5,"unit":"epochs"},...}},...}}
 * }</pre>
 * Values are written as in the plan ({@link PlanJson}), without origins: where each value came from
 * (spec, default, --set) is the plan's business.
 */
public final class RecipeJson {

    private RecipeJson() {
    }

    public static String write(CheckedRecipe recipe) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recipe", recipe.name());
        out.put("stages", recipe.trainStages());
        out.put("params", PlanJson.values(recipe));
        return Json.compact(out);
    }
}
