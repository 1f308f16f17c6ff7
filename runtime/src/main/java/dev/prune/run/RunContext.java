package dev.prune.run;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Dataset;
import dev.prune.ir.Graph;
import dev.prune.lang.Value;
import dev.prune.plan.Plan;
import dev.prune.plan.Stage;
import dev.prune.report.EpochRecord;
import dev.prune.report.JsonlReader;
import dev.prune.report.MetricLine;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** What every stage of one run shares: the plan, where files go, the data, the device, the model. */
record RunContext(Plan plan, RunLayout layout, Dataset data, RuntimeSettings settings, NDManager manager, Progress progress,
        Graph baseline, Transform transform, MergeRules rules) {

    long seed() {
        return (long) ((Value.Num) plan.shared().get("seed").value()).value();
    }

    /**
     * The seed of one stage: its own ({@code train.subnet.seed}, {@code search.seed}) where the recipe or an
     * experiment gives one, else the recipe's. A stage's own seed is in its hash, never in an earlier stage's.
     */
    long seed(Stage stage, String path) {
        Value own = stage.params().containsKey(path) ? stage.value(path) : null;
        return own instanceof Value.Num n ? (long) n.value() : seed();
    }

    Stage stage(String name) {
        return plan.stage(name).orElseThrow(() -> new IllegalStateException("the plan has no stage " + name));
    }

    boolean has(String name) {
        return plan.stage(name).isPresent();
    }

    /** The epoch lines a stage has written so far (a resumed stage continues its log). */
    List<EpochRecord> readMetrics(Stage stage) {
        List<EpochRecord> out = new ArrayList<>();
        if (Files.exists(layout.metrics(stage))) {
            for (MetricLine line : JsonlReader.readMetrics(layout.metrics(stage)).records()) {
                if (line instanceof EpochRecord record) {
                    out.add(record);
                }
            }
        }
        return out;
    }
}
