package dev.prune.spark;

import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.ExperimentPlanner;
import dev.prune.plan.RuntimePlan;
import dev.prune.run.CellExecutor;
import dev.prune.run.ExperimentRunner;
import dev.prune.run.Progress;
import dev.prune.run.RunLayout;
import dev.prune.store.StageStores;
import dev.prune.store.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One cell of an experiment in a Spark task: the spec is compiled and the grid planned again here, the cell's
 * stage keys checked against the driver's (a different build, data or import would change them), and the cell
 * run in a scratch folder with {@link ExperimentRunner#runCell}: the stages other cells share come from the
 * store, the cell's own are published to it. The search runs in this task (no Spark job inside a task); on an
 * executor of its own, PyTorch gets the task's cores as intra-op threads unless the recipe sets {@code threads}.
 */
final class CellTask implements Function<CellTask.Input, String> {

    private static final long serialVersionUID = 1L;

    /** The cell's folder under {@code cells/}, and its stage keys as the driver planned them. */
    record Input(String folder, List<String> stageKeys) implements Serializable {

        Input {
            stageKeys = List.copyOf(stageKeys);
        }
    }

    private final String specName;
    private final String specText;
    private final List<String> allowImports;
    private final String experiment;
    private final String store;
    private final String haltForTest;

    CellTask(CellExecutor.Grid grid, String haltForTest) {
        this.specName = grid.spec().name();
        this.specText = grid.spec().text();
        this.allowImports = grid.allowImports().stream().map(Path::toString).toList();
        this.experiment = grid.experiment();
        this.store = grid.store();
        this.haltForTest = haltForTest;
    }

    @Override
    public String call(Input cell) throws Exception {
        TaskContext task = TaskContext.get();
        boolean ownProcess = ExecutorThreads.ownProcess();
        Source spec = new Source(specName, specText);
        ExperimentPlan plan = plan(spec, ownProcess ? OptionalInt.of(task.cpus()) : OptionalInt.empty());
        ExperimentPlan.CellPlan planned = plan.cells().stream().filter(c -> ExperimentRunner.folder(c.cell()).equals(cell.folder()))
                .findFirst().orElseThrow(() -> new IllegalStateException("experiment " + experiment + " has no cell " + cell.folder()
                        + " on executor " + SparkEnv.get().executorId()));
        List<String> keys = planned.plan().stages().stream().map(s -> new RunLayout(Path.of("")).stage(s).getFileName().toString()).toList();
        if (!keys.equals(cell.stageKeys())) {
            throw new IllegalStateException("cell " + cell.folder() + " plans as " + keys + " on executor " + SparkEnv.get().executorId()
                    + " but as " + cell.stageKeys() + " on the driver: the executors read other data or imports, or run another build");
        }
        ExecutorThreads.configure(planned.plan().runtime().threads().orElse(task.cpus()));
        Path scratch = Files.createTempDirectory(Path.of(SparkFiles.getRootDirectory()), "cell-" + cell.folder() + "-");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new HaltingStream(log, cell.folder(), ownProcess ? haltForTest : null);
        try {
            ExperimentRunner.runCell(plan, cell.folder(), new ExperimentRunner.Options(scratch, new Progress(out, false), List.of(spec),
                    StageStores.open(store), CellExecutor.LOCAL));
        } catch (Exception e) {
            throw new IllegalStateException("cell " + cell.folder() + " failed: " + e.getMessage() + "\n" + log.toString(StandardCharsets.UTF_8), e);
        } finally {
            Trees.delete(scratch);
        }
        return cell.folder();
    }

    /** The grid as the driver planned it, with every cell's search scored in this task and the given threads. */
    private ExperimentPlan plan(Source spec, OptionalInt taskThreads) {
        Compilation compilation = Compiler.compile(spec, List.of(), allowImports.stream().map(Path::of).toList());
        if (!compilation.ok()) {
            throw new IllegalStateException("the spec does not compile on this executor:\n" + compilation.render());
        }
        CheckedExperiment checked = compilation.experiments().stream().filter(e -> e.name().equals(experiment)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the spec has no experiment " + experiment + " on this executor"));
        ExperimentPlan plan = ExperimentPlanner.plan(checked);
        return new ExperimentPlan(plan.experiment(), plan.cells().stream().map(c -> {
            RuntimePlan r = c.plan().runtime();
            OptionalInt threads = r.threads().isPresent() ? r.threads() : taskThreads;
            return new ExperimentPlan.CellPlan(c.cell(), c.plan().withRuntime(new RuntimePlan(r.device(), r.provider(), threads, r.fallbackCpu(),
                    Optional.empty())));
        }).toList());
    }

    /** The cell's log; with the test-only fault injection set ({@link SparkCells#HALT_PROPERTY}), the executor dies at its line. */
    private static final class HaltingStream extends PrintStream {

        private final String[] halt;

        HaltingStream(ByteArrayOutputStream log, String folder, String haltForTest) {
            super(log, true, StandardCharsets.UTF_8);
            String[] parts = haltForTest == null ? null : haltForTest.split("\\|", 3);
            this.halt = parts != null && parts.length == 3 && parts[0].equals(folder) ? parts : null;
        }

        @Override
        public void println(String line) {
            super.println(line);
            if (halt != null && line.contains(halt[1])) {
                try {
                    Files.createFile(Path.of(halt[2]));
                } catch (FileAlreadyExistsException e) {
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
