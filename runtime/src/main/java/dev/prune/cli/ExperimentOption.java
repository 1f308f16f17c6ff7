package dev.prune.cli;

import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.ExperimentPlanner;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code --experiment NAME}: which experiment of a file. A file that declares an experiment is planned and run
 * as its experiment unless {@code --recipe} asks for one recipe of it.
 */
final class ExperimentOption {

    private ExperimentOption() {
    }

    static Option option() {
        return Option.builder().longOpt("experiment").hasArg().argName("NAME").desc("the experiment to use when the file has several").get();
    }

    /** The experiment the command line asks for, planned; empty when it asks for a recipe (or the file has no experiment). */
    static Optional<ExperimentPlan> plan(CommandLine line, Io io) {
        if (line.hasOption("recipe") || line.getArgs().length != 1) {
            return Optional.empty();
        }
        String file = line.getArgs()[0];
        Compilation compilation = Compiler.compile(SpecFiles.read(io, file), SetOption.values(line), AllowImportOption.values(line, io));
        if (!compilation.ok() || compilation.experiments().isEmpty() && !line.hasOption("experiment")) {
            return Optional.empty(); // planned as a recipe, which reports the diagnostics
        }
        if (!compilation.diagnostics().isEmpty()) {
            io.err().print(compilation.render());
        }
        if (!SetOption.values(line).isEmpty()) {
            // The cells are the recipe with each variant's overrides: a change for all of them belongs in the recipe.
            throw new UserError("--set applies to one recipe; for an experiment, write the change in the recipe or in a variant");
        }
        return Optional.of(ExperimentPlanner.plan(choose(compilation.experiments(), line, file)));
    }

    private static CheckedExperiment choose(List<CheckedExperiment> experiments, CommandLine line, String file) {
        return NamedChoice.choose(experiments, CheckedExperiment::name, "experiment", line.getOptionValue("experiment"), file);
    }
}
