package dev.prune.plan;

import dev.prune.rewrite.RuleDecl;
import java.util.List;
import java.util.Optional;

/**
 * What a recipe runs, with nothing left implicit: the shared settings (seed, model, data, runtime), the
 * transform and rule set as declared, a typed record per stage, and the stages in order with their hashes.
 * The runtime executes this, never the AST or the language's values.
 *
 * @param baseline empty when the baseline's weights are imported as they are (no {@code train baseline})
 * @param supernet empty when the recipe has no {@code train supernet}
 * @param merge    the name of the rule set ({@code updp.merge}); its directives are {@link #rules()}
 * @param shared   the shared values as the plan shows them (seed, model, data, runtime), with their origins
 * @param files    the files the stages read, each with the digest of its content that entered their hashes
 * @param longer   an experiment's control only: the baseline trained on ({@link StageKind#TRAIN_LONGER})
 */
public record Plan(String recipe, String file, long seed, ModelPlan model, DataPlan data, RuntimePlan runtime, RuleDecl transform,
        RuleDecl rules, Optional<TrainSpec> baseline, Optional<TrainSpec> supernet, SpacePlan space, SearchPlan search, TrainSpec subnet,
        String merge, ExportPlan export, List<Param> shared, List<InputFile> files, List<Stage> stages,
        Optional<TrainSpec> longer) {

    /** Version of the plan's JSON form; bump it when the JSON changes shape. */
    public static final int FORMAT_VERSION = 1;

    public Plan {
        shared = List.copyOf(shared);
        files = List.copyOf(files);
        stages = List.copyOf(stages);
    }

    /** The same plan with other stages (an experiment's matched search, its control). */
    Plan withStages(List<Stage> stages, Optional<TrainSpec> longer) {
        return new Plan(recipe, file, seed, model, data, runtime, transform, rules, baseline, supernet, space, search, subnet, merge, export,
                shared, files, stages, longer);
    }

    /** The same plan run elsewhere or otherwise: the runtime section enters no stage hash. */
    public Plan withRuntime(RuntimePlan runtime) {
        return new Plan(recipe, file, seed, model, data, runtime, transform, rules, baseline, supernet, space, search, subnet, merge, export,
                shared, files, stages, longer);
    }

    /**
     * {@code quickstart.prune:12:5: } where the spec (or {@code --set}) gave the value at {@code path}, or
     * nothing for a default: the prefix of a message about that value.
     */
    public String where(String path) {
        for (Param param : shared) {
            if (param.path().equals(path)) {
                return param.at().isEmpty() ? "" : param.at() + ": ";
            }
        }
        for (Stage stage : stages) {
            for (Param param : stage.params()) {
                if (param.path().equals(path)) {
                    return param.at().isEmpty() ? "" : param.at() + ": ";
                }
            }
        }
        return "";
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
