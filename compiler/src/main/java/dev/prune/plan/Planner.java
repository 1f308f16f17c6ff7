package dev.prune.plan;

import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Resolved;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a checked recipe into a plan: which stages run, in which order, what each one reads, and the
 * content hash of each. The hash of a stage covers its parameters' values (not where they were written,
 * so reformatting changes nothing), the shared parts it uses, and its inputs' hashes, so a change
 * invalidates its stage and every stage after it. Runtime settings (device, threads) are left out:
 * they change how fast a stage runs, not what it computes.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(CheckedRecipe recipe) {
        Map<String, Resolved> shared = new LinkedHashMap<>();
        recipe.params().forEach((path, value) -> {
            if (path.equals("seed") || isUnder(path, "model") || isUnder(path, "data") || isUnder(path, "runtime")) {
                shared.put(path, value);
            }
        });
        Map<String, Object> sharedContent = new LinkedHashMap<>();
        sharedContent.put("seed", PlanJson.values(recipe.under("seed")));
        sharedContent.put("model", PlanJson.values(recipe.under("model")));
        sharedContent.put("data", PlanJson.values(recipe.under("data")));
        sharedContent.put("transform", PlanJson.ruleSetContent(recipe.transform()));
        sharedContent.put("rules", PlanJson.ruleSetContent(recipe.rules()));

        List<Stage> stages = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        boolean trainsBaseline = recipe.trainStages().contains("baseline");
        add(stages, hashes, sharedContent, "baseline", trainsBaseline ? StageKind.TRAIN_BASELINE : StageKind.IMPORT_WEIGHTS,
                List.of(), List.of("seed", "model", "data"), params(recipe, "model.weights", "train.baseline"));
        String searchInput = "baseline";
        if (recipe.trainStages().contains("supernet")) {
            add(stages, hashes, sharedContent, "supernet", StageKind.TRAIN_SUPERNET, List.of("baseline"),
                    List.of("seed", "model", "data", "transform"), params(recipe, "train.supernet", "space"));
            searchInput = "supernet";
        }
        add(stages, hashes, sharedContent, "search", StageKind.SEARCH, List.of(searchInput),
                List.of("seed", "model", "data", "transform"), params(recipe, "search", "space"));
        // The subnet starts from the weights its `init` names; only that stage is its input.
        boolean fromSupernet = recipe.value("train.subnet.init") instanceof dev.prune.lang.Value.Sym init
                && init.name().equals("supernet") && recipe.trainStages().contains("supernet");
        add(stages, hashes, sharedContent, "subnet", StageKind.TRAIN_SUBNET, List.of("search", fromSupernet ? "supernet" : "baseline"),
                List.of("seed", "model", "data", "transform"), params(recipe, "train.subnet"));
        add(stages, hashes, sharedContent, "merge", StageKind.MERGE, List.of("subnet"), List.of("rules"), params(recipe, "merge"));
        add(stages, hashes, sharedContent, "export", StageKind.EXPORT, List.of("merge"), List.of("data"), params(recipe, "export"));
        return new Plan(recipe.name(), recipe.file(), shared, recipe.transform(), recipe.rules(), stages);
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".");
    }

    private static Map<String, Resolved> params(CheckedRecipe recipe, String... prefixes) {
        Map<String, Resolved> out = new LinkedHashMap<>();
        recipe.params().forEach((path, value) -> {
            for (String prefix : prefixes) {
                if (isUnder(path, prefix)) {
                    out.put(path, value);
                }
            }
        });
        return out;
    }

    private static void add(List<Stage> stages, Map<String, String> hashes, Map<String, Object> shared, String name, StageKind kind,
            List<String> inputs, List<String> uses, Map<String, Resolved> params) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("plan_version", Plan.FORMAT_VERSION);
        content.put("stage", name);
        content.put("kind", kind.id());
        content.put("params", PlanJson.values(params));
        Map<String, Object> used = new LinkedHashMap<>();
        for (String use : uses) {
            used.put(use, shared.get(use));
        }
        content.put("uses", used);
        Map<String, Object> inputHashes = new LinkedHashMap<>();
        for (String input : inputs) {
            inputHashes.put(input, hashes.get(input));
        }
        content.put("inputs", inputHashes);
        String hash = sha256(Json.compact(content));
        hashes.put(name, hash);
        stages.add(new Stage(name, kind, inputs, uses, params, hash));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
