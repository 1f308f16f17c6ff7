package dev.prune.run;

import dev.prune.plan.ExperimentPlanner;
import dev.prune.plan.Param;
import dev.prune.plan.Stage;
import dev.prune.report.JsonReader;
import dev.prune.search.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An experiment's cost-matched random draws ({@code macs within 5% of updp}): the search space keeps only the
 * sets whose MACs lie within the tolerance of those of the set the reference search chose. The reference's
 * folder is in the same run folder (the experiment runner links it there), found by the hash the plan names.
 */
final class CostMatch {

    private CostMatch() {
    }

    static SearchSpace restrict(SearchSpace space, Stage stage, RunContext context) throws IOException, RunFailure {
        Optional<Param> matched = param(stage, ExperimentPlanner.MATCH_SEARCH);
        if (matched.isEmpty()) {
            return space;
        }
        String reference = (String) matched.get().json();
        double percent = ((Number) param(stage, ExperimentPlanner.MATCH_PERCENT).orElseThrow().json()).doubleValue();
        Path done = context.layout().root().resolve("search-" + reference.substring(0, 12)).resolve("done.json");
        if (!Files.exists(done)) {
            throw new RunFailure("the cost-matched search needs the search it matches (hash " + reference.substring(0, 12)
                    + ") to have run first, in " + done.getParent());
        }
        @SuppressWarnings("unchecked")
        List<String> chosen = (List<String>) JsonReader.parseObject(Files.readString(done)).get("chosen");
        long target = space.macs(space.canonical(chosen));
        double tolerance = percent / 100 * target;
        context.progress().info(String.format(Locale.ROOT, "cost-matched draws: MACs within %s%% of %d (the set %s)",
                dev.prune.lang.Values.show(percent), target, chosen));
        return new SearchSpace(space.candidates(), space.minBlocks(), space.maxBlocks(), space.baselineMacs(), space.baselineParams(),
                space.costs(), space.budgets(), space.measured().and(blocks -> Math.abs(space.macs(blocks) - target) <= tolerance));
    }

    private static Optional<Param> param(Stage stage, String path) {
        return stage.params().stream().filter(p -> p.path().equals(path)).findFirst();
    }
}
