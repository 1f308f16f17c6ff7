package dev.prune.run;

import dev.prune.io.AtomicFiles;
import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Source;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.ExperimentPlanTable;
import dev.prune.plan.Stage;
import dev.prune.store.StageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs an experiment's grid in {@code <out>/<experiment>/}: each cell as an ordinary run in
 * {@code cells/<cell>/}, so that a cell can be read, rerun or resumed like any run. A stage that an earlier cell
 * finished (same hash) is linked into the cell's folder instead of computed again, so each distinct stage runs
 * once; a rerun finds every stage done and trains nothing. Then {@link ExperimentReport} writes
 * {@code experiment.json}, {@code experiment.md} and a plot per variant.
 */
public final class ExperimentRunner {

    /**
     * Where the grid is written, what it prints, and the spec's text.
     *
     * @param store a shared stage store, or null (a remote executor needs one)
     * @param cells where the cells compute ({@link CellExecutor#LOCAL}: in this process)
     */
    public record Options(Path out, Progress progress, List<Source> sources, StageStore store, CellExecutor cells) {

        public Options(Path out, Progress progress, List<Source> sources) {
            this(out, progress, sources, null, CellExecutor.LOCAL);
        }
    }

    /** Where the results are, and how many stages this run computed and how many it found done. */
    public record Result(Path dir, Path json, Path markdown, int stagesRun, int stagesReused) {
    }

    private final ExperimentPlan plan;
    private final Options options;
    private final Path dir;
    /** Finished stage folders by folder name ({@code subnet-3f2a...}): the real folder, wherever a cell computed it. */
    private final Map<String, Path> finished = new LinkedHashMap<>();

    private ExperimentRunner(ExperimentPlan plan, Options options) {
        this.plan = plan;
        this.options = options;
        this.dir = options.out().resolve(plan.experiment().name());
    }

    public static Result run(ExperimentPlan plan, Options options) throws RunSetupException, RunFailure, IOException {
        return new ExperimentRunner(plan, options).run();
    }

    private Result run() throws RunSetupException, RunFailure, IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("experiment-plan.json"), ExperimentPlanTable.json(plan));
        for (Source source : options.sources()) {
            AtomicFiles.write(dir.resolve("spec").resolve(Path.of(source.name()).getFileName()), source.text());
        }
        scanFinished();
        List<ExperimentPlan.CellPlan> order = order();
        int[] counts = count(order);
        if (options.cells().remote()) {
            runAhead(order);
        }
        Map<ExperimentPlan.CellPlan, Path> roots = new LinkedHashMap<>();
        int index = 1;
        for (ExperimentPlan.CellPlan cell : order) {
            options.progress().info("experiment " + plan.experiment().name() + ": cell " + index++ + "/" + order.size() + ", "
                    + cell.label());
            roots.put(cell, runHere(cell, null));
        }
        ExperimentReport.Files files = ExperimentReport.write(plan, roots, dir);
        return new Result(dir, files.json(), files.markdown(), counts[0], counts[1]);
    }

    /**
     * Runs a cell in its folder here, after linking in the stages other cells finished; a stage that is neither
     * there nor linked is fetched from the store, if any, or computed. Stops after {@code stopAfter} unless null.
     */
    private Path runHere(ExperimentPlan.CellPlan cell, String stopAfter) throws RunSetupException, RunFailure, IOException {
        Path cellOut = dir.resolve("cells").resolve(folder(cell.cell()));
        Path root = RunLayout.of(cellOut, cell.plan().recipe()).root();
        for (Stage stage : stagesToLink(cell)) {
            link(root, stage);
        }
        Runner.run(cell.plan(), new Runner.Options(cellOut, options.progress(), options.sources(), options.store(), stopAfter));
        for (Stage stage : cell.plan().stages()) {
            Path folder = new RunLayout(root).stage(stage);
            if (Files.exists(folder.resolve("done.json"))) {
                finished.putIfAbsent(folder.getFileName().toString(), folder.toRealPath());
            }
        }
        return root;
    }

    /**
     * For a remote executor: first, here, the stages several cells need (so that they run once, and the search's
     * scoring may itself be distributed from here), cell by cell; a cell's shared stages are a prefix of its
     * stages, since a stage's hash covers those before it. Then the executor computes the cells not finished
     * yet, each publishing its stages to the store, where the walk that follows finds them.
     */
    private void runAhead(List<ExperimentPlan.CellPlan> order) throws RunSetupException, RunFailure, IOException {
        if (options.store() == null) {
            throw new RunSetupException("cells computed " + options.cells().describe() + " need a stage store every process reaches:"
                    + " pass --store URI (see docs/spark.md)");
        }
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (ExperimentPlan.CellPlan cell : order) {
            stagesToLink(cell).forEach(stage -> uses.merge(key(stage), 1, Integer::sum));
        }
        for (ExperimentPlan.CellPlan cell : order) {
            Stage lastShared = null;
            for (Stage stage : cell.plan().stages()) {
                if (uses.get(key(stage)) > 1) {
                    lastShared = stage;
                }
            }
            if (lastShared != null && !finished.containsKey(key(lastShared))) {
                options.progress().info("experiment " + plan.experiment().name() + ": the stages " + cell.label()
                        + " shares with other cells, up to " + lastShared.name());
                runHere(cell, lastShared.name());
            }
        }
        List<CellExecutor.Cell> remote = new ArrayList<>();
        for (ExperimentPlan.CellPlan cell : order) {
            List<String> keys = cell.plan().stages().stream().map(ExperimentRunner::key).toList();
            String last = keys.get(keys.size() - 1);
            if (!finished.containsKey(last) && !options.store().contains(last)) {
                remote.add(new CellExecutor.Cell(folder(cell.cell()), keys));
            }
        }
        if (!remote.isEmpty()) {
            options.progress().info("experiment " + plan.experiment().name() + ": " + remote.size() + " cells "
                    + options.cells().describe());
            options.cells().compute(remote);
        }
    }

    /**
     * Runs one cell of {@code plan} alone in {@code options.out()}, as a remote executor's task does: the stages
     * other cells finished come from the store (with the search a cost-matched cell reads), and the cell's own
     * stages go to it.
     */
    public static Runner.Result runCell(ExperimentPlan plan, String folder, Options options)
            throws RunSetupException, RunFailure, IOException {
        ExperimentRunner runner = new ExperimentRunner(plan, options);
        ExperimentPlan.CellPlan cell = plan.cells().stream().filter(c -> folder(c.cell()).equals(folder)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("experiment " + plan.experiment().name() + " has no cell " + folder));
        Path cellOut = runner.dir.resolve("cells").resolve(folder);
        RunLayout layout = RunLayout.of(cellOut, cell.plan().recipe());
        for (Stage stage : runner.stagesToLink(cell)) {
            if (!cell.plan().stages().contains(stage) && !Files.exists(layout.done(stage))) {
                options.store().fetchStage(key(stage), layout.stage(stage));
            }
        }
        return Runner.run(cell.plan(), new Runner.Options(cellOut, options.progress(), options.sources(), options.store()));
    }

    /**
     * How many of the cells' stages this run computes and how many it finds finished (in the grid's folders or
     * in the store), counting a stage each cell has, as the walk in {@code order} meets it.
     */
    private int[] count(List<ExperimentPlan.CellPlan> order) throws IOException {
        java.util.Set<String> done = new java.util.HashSet<>(finished.keySet());
        int run = 0;
        int reused = 0;
        for (ExperimentPlan.CellPlan cell : order) {
            for (Stage stage : cell.plan().stages()) {
                String key = key(stage);
                if (done.contains(key) || options.store() != null && options.store().contains(key)) {
                    reused++;
                } else {
                    run++;
                }
                done.add(key);
            }
        }
        return new int[] {run, reused};
    }

    /** A stage's folder name, {@code subnet-3f2a...}: its key in {@link #finished} and in the store. */
    private static String key(Stage stage) {
        return new RunLayout(Path.of("")).stage(stage).getFileName().toString();
    }

    /** Cells that others match in cost come before those; the control, which only continues the baseline, last. */
    private List<ExperimentPlan.CellPlan> order() {
        CheckedExperiment experiment = plan.experiment();
        List<ExperimentPlan.CellPlan> out = new ArrayList<>(plan.cells());
        out.sort(Comparator.comparingInt(c -> experiment.control().filter(c.cell().variant()::equals).isPresent() ? 2
                : experiment.matchOf(c.cell().variant()).isPresent() ? 1 : 0));
        return out;
    }

    /** The cell's stages, and for a cost-matched cell the search it matches (read by {@link CostMatch}). */
    private List<Stage> stagesToLink(ExperimentPlan.CellPlan cell) {
        List<Stage> stages = new ArrayList<>(cell.plan().stages());
        plan.experiment().matchOf(cell.cell().variant()).ifPresent(match -> plan.cells().stream()
                .filter(c -> c.cell().variant().equals(match.reference()) && c.cell().seed() == cell.cell().seed())
                .findFirst()
                .flatMap(c -> c.plan().stage("search"))
                .ifPresent(stages::add));
        return stages;
    }

    /** Links a stage another cell finished into this cell's folder; a folder already there is left as it is. */
    private void link(Path root, Stage stage) throws IOException {
        Path target = new RunLayout(root).stage(stage);
        Path done = finished.get(target.getFileName().toString());
        if (done == null || Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(root);
        Files.createSymbolicLink(target, root.toRealPath().relativize(done));
    }

    /** Stage folders that earlier runs of this experiment finished, in any cell. */
    private void scanFinished() throws IOException {
        Path cells = dir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return;
        }
        List<Path> dones;
        try (Stream<Path> walk = Files.walk(cells, 4)) {
            dones = walk.filter(p -> p.getFileName().toString().equals("done.json")).sorted().toList();
        }
        for (Path done : dones) {
            Path folder = done.getParent();
            if (!Files.isSymbolicLink(folder)) {
                finished.putIfAbsent(folder.getFileName().toString(), folder.toRealPath());
            }
        }
    }

    /** {@code direct/draw 2/seed 3} → {@code direct-draw2-seed3}. */
    public static String folder(CheckedExperiment.Cell cell) {
        return cell.variant() + (cell.draw() > 0 ? "-draw" + cell.draw() : "") + "-seed" + cell.seed();
    }
}
