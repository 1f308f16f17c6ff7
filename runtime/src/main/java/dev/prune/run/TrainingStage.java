package dev.prune.run;

import ai.djl.ndarray.NDManager;
import dev.prune.data.DataException;
import dev.prune.data.Dataset;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.plan.Stage;
import dev.prune.report.EpochRecord;
import dev.prune.report.MetricsLog;
import dev.prune.report.StepRecord;
import dev.prune.train.Batches;
import dev.prune.train.Checkpoint;
import dev.prune.train.EpochLoop;
import dev.prune.train.EpochMetrics;
import dev.prune.train.Evaluate;
import dev.prune.train.LambdaPlan;
import dev.prune.train.NativeMemory;
import dev.prune.train.Optimizer;
import dev.prune.train.Optimizers;
import dev.prune.train.Position;
import dev.prune.train.Rss;
import dev.prune.plan.Convergence;
import dev.prune.plan.TrainSpec;
import dev.prune.train.TrainingDiverged;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Trains one module for one stage of a plan: epochs of the {@link EpochLoop}, a validation pass and a
 * metrics line after each, and a checkpoint after each, so that a killed run continues from the last
 * finished epoch. The caller says which λ each step uses and which λ validation uses.
 */
final class TrainingStage {

    /**
     * What a finished training stage reports.
     *
     * @param valCurve  validation top-1 after each epoch trained, in order
     * @param converged whether the stage's stopping rule ({@code until converged}) held when it stopped; false
     *                  when it ran its whole length without, and for a stage with no rule
     */
    record Outcome(double lastValTop1, double bestValTop1, List<Double> rssAfterEpoch, List<Double> valCurve, boolean converged) {
    }

    private TrainingStage() {
    }

    static Outcome train(RunContext context, Stage stage, TrainSpec spec, GraphModule module, LambdaPlan lambdas,
            LongFunction<LambdaPolicy> validationPolicy) throws IOException, DataException, RunFailure {
        Dataset data = context.data();
        int stepsPerEpoch = data.trainBatchesPerEpoch();
        long totalSteps = spec.totalSteps(stepsPerEpoch);
        Path checkpoint = context.layout().checkpoint(stage);
        long seed = context.seed(spec.seed());
        List<Double> rss = new ArrayList<>();
        double best = Double.NaN;
        double last = Double.NaN;
        // Validation top-1 by epoch: a resumed stage logged some epochs twice (the last line is the one kept).
        java.util.SortedMap<Integer, Double> curve = new java.util.TreeMap<>();
        Optional<Convergence> until = spec.until();
        boolean converged = false;
        try (NDManager manager = context.manager().newSubManager(); Optimizer optimizer = Optimizers.create(spec, manager)) {
            EpochLoop loop = EpochLoop.of(spec, module, optimizer, stepsPerEpoch, manager);
            int epoch = 1;
            Optional<Path> found = Checkpoint.find(checkpoint);
            if (found.isPresent()) {
                Position position = Checkpoint.load(found.get(), module, optimizer);
                loop.resumeAt(position.step());
                epoch = position.epoch(); // the epoch of the next step
                context.progress().info("resuming from the checkpoint after epoch " + (epoch - 1) + " (step " + position.step() + ")");
                for (var record : context.readMetrics(stage)) {
                    rss.add(record.rssMb());
                    best = Double.isNaN(best) ? record.valTop1() : Math.max(best, record.valTop1());
                    last = record.valTop1();
                    if (record.epoch() < epoch) {
                        curve.put(record.epoch(), record.valTop1());
                    }
                }
                // Killed after the epoch that converged but before the stage was marked done: it is done.
                converged = until.isPresent() && until.get().reached(new ArrayList<>(curve.values()));
            }
            int epochs = (int) Math.ceil((double) totalSteps / stepsPerEpoch);
            try (MetricsLog log = MetricsLog.open(context.layout().metrics(stage))) {
                while (!loop.finished() && !converged) {
                    final int current = epoch;
                    long stepsThisEpoch = Math.min(stepsPerEpoch, totalSteps - loop.step());
                    // About 20 points per epoch for the curves: enough to see λ move and the loss fall.
                    long every = Math.max(1, stepsPerEpoch / 20);
                    loop.onStep(step -> {
                        context.progress().step(stage.name(), current, step.batchInEpoch() + 1, stepsThisEpoch, step.loss());
                        if (step.step() % every == 0) {
                            double level = lambdas.level(step.step());
                            log.append(new StepRecord(stage.name(), step.step(), step.loss(), step.lr(), Double.isNaN(level) ? null : level));
                        }
                    });
                    EpochMetrics metrics;
                    try (Batches batches = Batches.of(data.trainBatches(epoch, seed))) {
                        metrics = loop.run(epoch, batches, lambdas, Checkpoint.find(checkpoint));
                    } catch (TrainingDiverged e) {
                        throw new RunFailure(e.getMessage() + (found.isPresent() || epoch > 1
                                ? "; the last good checkpoint is kept in " + checkpoint : ""), e);
                    }
                    double valTop1;
                    try (Batches val = Batches.of(data.valBatches())) {
                        valTop1 = Evaluate.top1(module, val, validationPolicy.apply(loop.step() - 1));
                    }
                    // Arrays no longer referenced hold native memory until their Java objects are collected, and
                    // glibc keeps what was freed: release both before sampling, so that the figure is what the run uses.
                    NativeMemory.release();
                    double rssMb = Rss.currentMb();
                    rss.add(rssMb);
                    best = Double.isNaN(best) ? valTop1 : Math.max(best, valTop1);
                    last = valTop1;
                    Double lambda = Double.isNaN(metrics.lambda()) ? null : metrics.lambda();
                    log.append(new EpochRecord(stage.name(), epoch, loop.step(), metrics.meanLoss(), metrics.top1(), valTop1, metrics.lr(),
                            lambda, metrics.seconds(), rssMb));
                    // The line first, then the checkpoint: killed between the two, the epoch is run again and
                    // logged twice (readers keep the last line of an epoch), never lost from the log.
                    Checkpoint.save(checkpoint, module, optimizer, Position.afterEpoch(stage.name(), epoch, loop.step(), seed));
                    context.progress().info(String.format(java.util.Locale.ROOT,
                            "epoch %d/%d  loss %.4f  train top-1 %.2f%%  val top-1 %.2f%%%s  %.1f s  rss %.0f MB", epoch, epochs,
                            metrics.meanLoss(), 100 * metrics.top1(), 100 * valTop1, lambda == null ? "" : String.format(java.util.Locale.ROOT, "  λ %.2f", lambda),
                            metrics.seconds(), rssMb));
                    curve.put(epoch, valTop1);
                    if (until.isPresent() && until.get().reached(new ArrayList<>(curve.values()))) {
                        converged = true;
                        context.progress().info(String.format(java.util.Locale.ROOT, "converged: val top-1 moved less than %s points in each "
                                + "of the last %d epochs; stopping after epoch %d of %d", dev.prune.lang.Values.show(until.get().deltaPoints()),
                                until.get().overEpochs(), epoch, epochs));
                    }
                    epoch++;
                }
            }
        }
        return new Outcome(last, best, rss, new ArrayList<>(curve.values()), converged);
    }
}
