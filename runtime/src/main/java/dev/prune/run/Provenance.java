package dev.prune.run;

import dev.prune.lang.Source;
import dev.prune.onnx.OnnxExporter;
import dev.prune.plan.Plan;
import dev.prune.plan.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an exported model came from, as its ONNX {@code metadata_props}: prune's version, the recipe, the
 * plan's hash (the export stage's, which covers every stage before it), each stage's hash and the SHA-256 of
 * the spec text. A model found in a deployment leads back to the exact recipe.
 */
final class Provenance {

    private Provenance() {
    }

    static Map<String, String> of(Plan plan, List<Source> sources) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("prune_version", OnnxExporter.PRODUCER_VERSION);
        out.put("recipe", plan.recipe());
        out.put("plan_hash", plan.stages().get(plan.stages().size() - 1).hash());
        for (Stage stage : plan.stages()) {
            out.put("stage_hash." + stage.name(), stage.hash());
        }
        for (Source source : sources) {
            out.put(sources.size() == 1 ? "spec_sha256" : "spec_sha256." + source.name(), sha256(source.text()));
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
