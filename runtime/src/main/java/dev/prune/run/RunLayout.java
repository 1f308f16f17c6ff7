package dev.prune.run;

import dev.prune.plan.Stage;
import java.nio.file.Path;

/**
 * Where a run's files go: {@code <out>/<recipe>/} holds the spec, {@code plan.json}, {@code summary.json},
 * {@code report.md} and {@code plots/}; each stage has a folder named by its hash, {@code <stage>-<hash12>/},
 * so that a stage whose inputs did not change is found again and reused.
 */
public record RunLayout(Path root) {

    public static RunLayout of(Path out, String recipe) {
        return new RunLayout(out.resolve(recipe));
    }

    public Path stage(Stage stage) {
        return root.resolve(stage.name() + "-" + stage.shortHash());
    }

    /** Written last, when a stage has finished: its presence is what "done" means. */
    public Path done(Stage stage) {
        return stage(stage).resolve("done.json");
    }

    public Path checkpoint(Stage stage) {
        return stage(stage).resolve("checkpoint");
    }

    public Path weights(Stage stage) {
        return stage(stage).resolve("weights");
    }

    public Path metrics(Stage stage) {
        return stage(stage).resolve("metrics.jsonl");
    }

    public Path plan() {
        return root.resolve("plan.json");
    }

    public Path summary() {
        return root.resolve("summary.json");
    }
}
