package dev.prune.cli;

import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.plan.ExperimentPlanTable;
import dev.prune.plan.Plan;
import dev.prune.plan.PlanJson;
import dev.prune.plan.PlanTable;
import dev.prune.plan.Planner;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code prune plan FILE}: the execution plan, every value resolved with its origin. */
final class PlanCommand implements Command {

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String usage() {
        return "FILE [--json] [--recipe NAME | --experiment NAME] [--set PATH=VALUE]...";
    }

    @Override
    public String summary() {
        return "print the execution plan: stages, resolved values and where each came from, hashes";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("json").desc("print the plan as JSON").get())
                .addOption(RecipeOption.option())
                .addOption(ExperimentOption.option())
                .addOption(SetOption.option())
                .addOption(AllowImportOption.option());
    }

    @Override
    public int run(CommandLine line, Io io) {
        var experiment = ExperimentOption.plan(line, io);
        if (experiment.isPresent()) {
            io.out().print(line.hasOption("json") ? ExperimentPlanTable.json(experiment.get()) : ExperimentPlanTable.render(experiment.get()));
            return ExitCode.OK;
        }
        Plan plan = compilePlan(line, io);
        io.out().print(line.hasOption("json") ? PlanJson.write(plan) : PlanTable.render(plan));
        return ExitCode.OK;
    }

    /** Compiles the one FILE of the command line and plans the recipe it names; shared with {@code run}. */
    static Plan compilePlan(CommandLine line, Io io) {
        return compile(line, io, SetOption.values(line)).plan();
    }

    /** A plan and the sources it was compiled from. */
    record Compiled(Plan plan, java.util.List<dev.prune.lang.Source> sources) {
    }

    static Compiled compile(CommandLine line, Io io, java.util.List<String> sets) {
        if (line.getArgs().length != 1) {
            throw new UserError("expected exactly one FILE, found " + line.getArgs().length);
        }
        String file = line.getArgs()[0];
        Compilation compilation = Compiler.compile(SpecFiles.read(io, file), sets, AllowImportOption.values(line, io));
        if (!compilation.diagnostics().isEmpty()) {
            io.err().print(compilation.render());
        }
        if (!compilation.ok()) {
            throw UserError.reported();
        }
        CheckedRecipe recipe = RecipeOption.choose(compilation.recipes(), line, file);
        java.util.List<dev.prune.lang.Source> sources = compilation.sources().values().stream()
                .filter(s -> !s.name().startsWith("--set") && !s.name().startsWith("std/")).toList();
        return new Compiled(Planner.plan(recipe), sources);
    }
}
