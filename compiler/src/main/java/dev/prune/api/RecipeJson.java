package dev.prune.api;

import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import java.util.Map;

/**
 * A checked recipe's resolved parameters as JSON, for toolchains that read what a spec means rather than
 * how it is written: every parameter by its path, defaults filled in, in the checker's order.
 * <pre>{@code
 * {"recipe":"quickstart","stages":["baseline","supernet","subnet"],
 *  "params":{"seed":7,"model":{"call":"convnext","args":{"depths":[1,1,3,1],...}},
 *            "train.baseline.schedule":{"call":"cosine","args":{"warmup":{"value":0.5,"unit":"epochs"},...}},...}}
 * }</pre>
 * Values map as: a plain number → a number; a number with a unit → {@code {"value", "unit"}}; a string or
 * a bare name → a string; a list → an array; a call → {@code {"call", "args"}}; a range →
 * {@code {"low", "high"}}; a bound → {@code {"metric", "op", "bound"}}. Where each value came from (spec,
 * default, --set) is the plan's business and is left out.
 */
public final class RecipeJson {

    private RecipeJson() {
    }

    public static String write(CheckedRecipe recipe) {
        JsonWriter json = new JsonWriter().beginObject();
        json.key("recipe").string(recipe.name());
        json.key("stages").beginArray();
        recipe.trainStages().forEach(json::string);
        json.endArray();
        json.key("params").beginObject();
        recipe.params().forEach((path, resolved) -> value(json.key(path), resolved.value()));
        return json.endObject().endObject().toString();
    }

    private static void value(JsonWriter json, Value value) {
        if (value instanceof Value.Num num) {
            number(json, num);
        } else if (value instanceof Value.Str str) {
            json.string(str.value());
        } else if (value instanceof Value.Sym sym) {
            json.string(sym.name());
        } else if (value instanceof Value.Lst list) {
            json.beginArray();
            list.items().forEach(item -> value(json, item));
            json.endArray();
        } else if (value instanceof Value.Fn fn) {
            json.beginObject().key("call").string(fn.name()).key("args").beginObject();
            for (Map.Entry<String, Resolved> arg : fn.args().entrySet()) {
                value(json.key(arg.getKey()), arg.getValue().value());
            }
            json.endObject().endObject();
        } else if (value instanceof Value.Rng range) {
            json.beginObject().key("low").number(range.low()).key("high").number(range.high()).endObject();
        } else if (value instanceof Value.Cond cond) {
            json.beginObject().key("metric").string(cond.metric()).key("op").string(cond.op().symbol()).key("bound");
            number(json, cond.bound());
            json.endObject();
        } else {
            // Checking turns every raw call into a Value.Fn: one left here is a checker bug, not a user's mistake.
            throw new IllegalStateException("unchecked value in a checked recipe: " + value);
        }
    }

    private static void number(JsonWriter json, Value.Num num) {
        if (num.unit() == Unit.NONE) {
            json.number(num.value());
        } else {
            json.beginObject().key("value").number(num.value()).key("unit").string(num.unit().text()).endObject();
        }
    }
}
