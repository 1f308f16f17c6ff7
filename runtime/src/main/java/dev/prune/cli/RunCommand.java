package dev.prune.cli;

import dev.prune.run.CellExecutor;
import dev.prune.run.ExperimentRunner;
import dev.prune.run.Preflight;
import dev.prune.run.Progress;
import dev.prune.run.RunFolders;
import dev.prune.train.DamagedCheckpointException;
import dev.prune.run.RunFailure;
import dev.prune.run.RunSetupException;
import dev.prune.run.Runner;
import dev.prune.store.StageStore;
import dev.prune.store.StageStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code prune run FILE}: carries the plan out and writes {@code runs/<recipe>/}. Stages whose hash already
 * has a finished output are reused; a killed run continues from its last checkpoint when run again.
 */
final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "FILE [--out DIR] [--recipe NAME | --experiment NAME] [--device cpu|gpu:N] [--ep cpu|rocm|cuda] [--master MASTER]"
                + " [--store URI] [--set PATH=VALUE]..."
                + " [--dry-run] [--force] [--allow-import DIR]...";
    }

    @Override
    public String summary() {
        return "run a recipe end to end: train, search, prune, merge, export to ONNX, verify, report";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where runs are written (default runs)").get())
                .addOption(RecipeOption.option())
                .addOption(ExperimentOption.option())
                .addOption(Option.builder().longOpt("device").hasArg().argName("DEVICE")
                        .desc("train on cpu or gpu:N (overrides runtime.device)").get())
                .addOption(Option.builder().longOpt("ep").hasArg().argName("PROVIDER")
                        .desc("ONNX Runtime execution provider: cpu, rocm or cuda (overrides runtime.provider)").get())
                .addOption(Option.builder().longOpt("master").hasArg().argName("MASTER")
                        .desc("score the search's candidates, and an experiment's cells (with --store), as Spark tasks on MASTER (overrides runtime.executor); see docs/spark.md").get())
                .addOption(Option.builder().longOpt("store").hasArg().argName("URI")
                        .desc("a shared stage store (file:///..., hdfs://...): finished stages are fetched from and published to it").get())
                .addOption(SetOption.option())
                .addOption(AllowImportOption.option())
                .addOption(Option.builder().longOpt("dry-run")
                        .desc("check everything the run needs (data, weights, output paths, values) and stop before training").get())
                .addOption(Option.builder().longOpt("force").desc("let the export replace a file prune did not write").get());
    }

    @Override
    public int run(CommandLine line, Io io) throws Exception {
        List<String> sets = new ArrayList<>(SetOption.values(line));
        if (line.hasOption("device")) {
            sets.add("runtime.device=" + device(line.getOptionValue("device")));
        }
        if (line.hasOption("ep")) {
            sets.add("runtime.provider=" + line.getOptionValue("ep"));
        }
        if (line.hasOption("master")) {
            sets.add("runtime.executor=spark(\"" + line.getOptionValue("master").replace("\"", "") + "\")");
        }
        Path out = io.workingDirectory().resolve(line.getOptionValue("out", "runs"));
        Progress progress = Progress.detect(io.out());
        var experiment = ExperimentOption.plan(line, io);
        if (experiment.isPresent()) {
            if (line.hasOption("device") || line.hasOption("ep")) {
                throw new UserError("--device and --ep apply to one recipe; for an experiment, set them in the recipe's runtime section");
            }
            return runExperiment(experiment.get(), out, progress, line, io);
        }
        PlanCommand.Compiled compiled = PlanCommand.compile(line, io, sets);
        try {
            Preflight.Report checked = Preflight.check(compiled.plan(), out, line.hasOption("force"));
            if (line.hasOption("dry-run")) {
                io.out().println("dry run: " + compiled.plan().recipe() + " is ready to run");
                checked.lines().forEach(l -> io.out().println("  " + l));
                return ExitCode.OK;
            }
            StageStore store = line.hasOption("store") ? openStore(storeLocation(io, line.getOptionValue("store"))) : null;
            Runner.Result result = Runner.run(compiled.plan(), new Runner.Options(out, progress, compiled.sources(), store), checked);
            io.out().println();
            io.out().println("done: " + compiled.plan().recipe());
            io.out().println("  onnx:    " + result.onnx());
            io.out().println("  report:  " + result.report());
            io.out().println("  summary: " + result.summary());
            Map<Integer, Double> speedup = result.values().latency() == null ? Map.of() : result.values().latency().speedup();
            speedup.forEach((batch, ratio) -> io.out().println(String.format(Locale.ROOT, "  speedup at batch %d: %.2fx", batch, ratio)));
            return ExitCode.OK;
        } catch (RunSetupException e) {
            throw new UserError(e.getMessage());
        } catch (DamagedCheckpointException e) {
            throw new UserError(e.getMessage() + "; delete " + RunFolders.stageFolderOf(e.path()) + " to run that stage again from the start");
        } catch (RunFailure e) {
            io.err().println("prune run: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static int runExperiment(dev.prune.plan.ExperimentPlan plan, Path out, Progress progress, CommandLine line, Io io)
            throws Exception {
        dev.prune.lang.Source spec = SpecFiles.read(io, line.getArgs()[0]);
        List<dev.prune.lang.Source> sources = List.of(spec);
        java.util.Optional<String> master = line.hasOption("master") ? java.util.Optional.of(line.getOptionValue("master").replace("\"", ""))
                : plan.cells().stream().map(c -> c.plan().runtime().sparkMaster()).flatMap(java.util.Optional::stream).findFirst();
        if (line.hasOption("master")) {
            // The shared searches, run here, score on the same master as the cells run.
            plan = new dev.prune.plan.ExperimentPlan(plan.experiment(), plan.cells().stream()
                    .map(c -> new dev.prune.plan.ExperimentPlan.CellPlan(c.cell(), c.plan().withRuntime(withMaster(c.plan().runtime(), master))))
                    .toList());
        }
        StageStore store = line.hasOption("store") ? openStore(storeLocation(io, line.getOptionValue("store"))) : null;
        if (master.isPresent() && store == null) {
            throw new UserError("an experiment whose cells run as Spark tasks (on " + master.get() + ") needs a stage store every"
                    + " executor reaches, where the cells publish their stages: pass --store URI (see docs/spark.md)");
        }
        CellExecutor.Grid grid = new CellExecutor.Grid(
                new dev.prune.lang.Source(SpecFiles.existing(io, line.getArgs()[0]).toString(), spec.text()),
                AllowImportOption.values(line, io), plan.experiment().name(), store == null ? null : store.location());
        try (CellExecutor cells = master.isEmpty() ? CellExecutor.LOCAL : openCells(master.get(), grid)) {
            ExperimentRunner.Result result = ExperimentRunner.run(plan, new ExperimentRunner.Options(out, progress, sources, store, cells));
            io.out().println();
            io.out().println("done: experiment " + plan.experiment().name() + " (" + plan.cells().size() + " cells; "
                    + result.stagesRun() + " stages run, " + result.stagesReused() + " reused)");
            io.out().println("  report:  " + result.markdown());
            io.out().println("  results: " + result.json());
            return ExitCode.OK;
        } catch (RunSetupException e) {
            throw new UserError(e.getMessage());
        } catch (RunFailure e) {
            io.err().println("prune run: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static dev.prune.plan.RuntimePlan withMaster(dev.prune.plan.RuntimePlan runtime, java.util.Optional<String> master) {
        return new dev.prune.plan.RuntimePlan(runtime.device(), runtime.provider(), runtime.threads(), runtime.fallbackCpu(), master);
    }

    private static CellExecutor openCells(String master, CellExecutor.Grid grid) {
        try {
            return CellExecutor.Provider.find("spark").open(master, grid);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A plain path is the working directory's; a URI stays as written. */
    private static String storeLocation(Io io, String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? location : SpecFiles.resolve(io, location).toUri().toString();
    }

    private static StageStore openStore(String location) {
        try {
            return StageStores.open(location);
        } catch (java.io.IOException e) {
            throw new UserError("--store: " + e.getMessage());
        }
    }

    /** {@code gpu:1} as the command line writes it, {@code gpu(1)} as the language does. */
    private static String device(String text) {
        if (text.equals("cpu")) {
            return "cpu";
        }
        if (text.matches("gpu(:\\d+)?")) {
            return "gpu(" + (text.contains(":") ? text.substring(4) : "0") + ")";
        }
        throw new UserError("--device takes cpu or gpu:N, e.g. gpu:0; found '" + text + "'");
    }
}
