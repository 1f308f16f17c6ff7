package dev.prune.run;

import dev.prune.io.AtomicFiles;
import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Source;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.ExperimentPlanTable;
import dev.prune.plan.Stage;
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

    /** Where the grid is written, what it prints, and the spec's text. */
    public record Options(Path out, Progress progress, List<Source> sources) {
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
        int run = 0;
        int reused = 0;
        List<ExperimentPlan.CellPlan> order = order();
        Map<ExperimentPlan.CellPlan, Path> roots = new LinkedHashMap<>();
        int index = 1;
        for (ExperimentPlan.CellPlan cell : order) {
            Path cellOut = dir.resolve("cells").resolve(folder(cell.cell()));
            Path root = RunLayout.of(cellOut, cell.plan().recipe()).root();
            for (Stage stage : stagesToLink(cell)) {
                link(root, stage);
            }
            for (Stage stage : cell.plan().stages()) {
                if (Files.exists(new RunLayout(root).done(stage))) {
                    reused++;
                } else {
                    run++;
                }
            }
            options.progress().info("experiment " + plan.experiment().name() + ": cell " + index++ + "/" + order.size() + ", "
                    + cell.label());
            Runner.run(cell.plan(), new Runner.Options(cellOut, options.progress(), options.sources()));
            roots.put(cell, root);
            for (Stage stage : cell.plan().stages()) {
                Path folder = new RunLayout(root).stage(stage);
                finished.putIfAbsent(folder.getFileName().toString(), folder.toRealPath());
            }
        }
        ExperimentReport.Files files = ExperimentReport.write(plan, roots, dir);
        return new Result(dir, files.json(), files.markdown(), run, reused);
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
    static String folder(CheckedExperiment.Cell cell) {
        return cell.variant() + (cell.draw() > 0 ? "-draw" + cell.draw() : "") + "-seed" + cell.seed();
    }
}
