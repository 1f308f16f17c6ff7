package dev.prune.train;

import dev.prune.plan.TrainSpec;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Trains a module one epoch at a time. Each step, in its own sub-manager: forward in TRAIN mode with the
 * step's λ policy, loss, backward in a gradient collector, a check that loss and gradients are finite, clipping
 * by global norm, the optimizer's update at lr(step), and zeroed gradients.
 *
 * <p>The loop counts steps from the stage's start ({@link #step()}); the schedules are functions of that
 * count, and the stage ends after {@link LrSchedule#totalSteps()} steps even in the middle of an epoch
 * (a length of 0.5 epochs or 700 steps).
 *
 * <pre>{@code
 * EpochLoop loop = EpochLoop.of(spec, module, optimizer, data.trainBatchesPerEpoch(), manager);
 * for (int epoch = 0; !loop.finished(); epoch++) {
 *     try (Batches batches = Batches.of(data.trainBatches(epoch))) {
 *         EpochMetrics metrics = loop.run(epoch, batches, lambdas, lastCheckpoint);
 *     }
 * }
 * }</pre>
 */
public final class EpochLoop {

    private final String stage;
    private final GraphModule module;
    private final Optimizer optimizer;
    private final Loss loss;
    private final LrSchedule schedule;
    private final OptionalDouble clipGrad;
    private final NDManager manager;
    private final List<String> buffers;
    private final BatchArrays arrays = new BatchArrays();
    private Consumer<StepResult> listener = result -> { };
    private long step;

    /**
     * @param manager the parent of each step's sub-manager; nothing stays in it between steps
     */
    public EpochLoop(String stage, GraphModule module, Optimizer optimizer, Loss loss, LrSchedule schedule, OptionalDouble clipGrad,
            NDManager manager) {
        this.stage = stage;
        this.module = module;
        this.optimizer = optimizer;
        this.loss = loss;
        this.schedule = schedule;
        this.clipGrad = clipGrad;
        this.manager = manager;
        Set<String> trainable = new HashSet<>(module.trainableNames());
        this.buffers = module.graph().parameters().keySet().stream().filter(name -> !trainable.contains(name)).toList();
    }

    /** The loop a stage's spec describes: its loss, its lr schedule and its clipping. */
    public static EpochLoop of(TrainSpec spec, GraphModule module, Optimizer optimizer, int stepsPerEpoch, NDManager manager) {
        return new EpochLoop(spec.stage(), module, optimizer, new Loss(spec.labelSmoothing()), LrSchedule.of(spec, stepsPerEpoch),
                spec.clipGrad(), manager);
    }

    /** Called after every step (progress output); by default nothing. */
    public EpochLoop onStep(Consumer<StepResult> stepListener) {
        this.listener = stepListener;
        return this;
    }

    /** Continues from a checkpoint's position: the next step to run. */
    public EpochLoop resumeAt(long nextStep) {
        this.step = nextStep;
        return this;
    }

    /** Steps done since the stage's start: the next step's number. */
    public long step() {
        return step;
    }

    public boolean finished() {
        return step >= schedule.totalSteps();
    }

    /**
     * Runs the remaining batches of {@code batches}, or fewer if the stage ends first.
     *
     * @param lastGood the checkpoint the caller would go back to, named in a {@link TrainingDiverged}
     * @throws TrainingDiverged when a loss or a gradient is not finite; that step's update is not applied
     */
    public EpochMetrics run(int epoch, Batches batches, LambdaPlan lambdas, Optional<Path> lastGood)
            throws TrainingDiverged, DataException {
        long started = System.nanoTime();
        Totals totals = new Totals();
        int batchInEpoch = 0;
        while (!finished() && batches.hasNext()) {
            Batch batch = batches.next();
            StepResult result = trainStep(epoch, batchInEpoch, batch, lambdas.at(step), lastGood, totals);
            listener.accept(result);
            batchInEpoch++;
            step++;
        }
        long last = Math.max(0, step - 1);
        return new EpochMetrics(stage, epoch, totals.steps, totals.examples, totals.lossSum / totals.examples,
                (double) totals.correct / totals.examples, schedule.lr(last), lambdas.level(last), totals.gradNormSum / totals.steps,
                totals.clipped, (System.nanoTime() - started) / 1e9);
    }

    private StepResult trainStep(int epoch, int batchInEpoch, Batch batch, LambdaPolicy lambdas, Optional<Path> lastGood, Totals totals)
            throws TrainingDiverged {
        try (NDManager sub = manager.newSubManager()) {
            NDList xy = arrays.toArrays(batch, sub);
            // A TRAIN forward moves BatchNorm's running statistics before the loss can be checked: keep
            // copies, so that a diverged step leaves the module exactly as the last good step did.
            Map<String, NDArray> buffersBefore = copyBuffers(sub);
            NDArray logits;
            float lossValue;
            try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
                logits = module.forward(sub, xy.get(0), Mode.TRAIN, lambdas);
                NDArray batchLoss = loss.compute(logits, xy.get(1));
                lossValue = batchLoss.getFloat();
                if (!Float.isFinite(lossValue)) {
                    restore(buffersBefore);
                    throw diverged(epoch, "the loss is " + lossValue, lastGood);
                }
                collector.backward(batchLoss);
            }
            double norm = Gradients.globalNorm(module, sub);
            if (!Double.isFinite(norm)) {
                String what = Gradients.firstNonFinite(module, sub).orElse("the gradient norm is " + norm);
                restore(buffersBefore);
                throw diverged(epoch, what, lastGood);
            }
            if (clipGrad.isPresent() && Gradients.clip(module, norm, clipGrad.getAsDouble(), sub)) {
                totals.clipped++;
            }
            double lr = schedule.lr(step);
            optimizer.step(module, (float) lr);
            totals.add(batch.size(), lossValue, Loss.correct(logits, xy.get(1)), norm);
            return new StepResult(epoch, batchInEpoch, step, lossValue, lr, norm);
        } finally {
            // Always, also after a divergence: PyTorch accumulates gradients, and a caller that reloads the
            // last good checkpoint and carries on must not start from this step's NaNs.
            Gradients.zero(module);
        }
    }

    private Map<String, NDArray> copyBuffers(NDManager step) {
        Map<String, NDArray> copies = new HashMap<>();
        for (String name : buffers) {
            NDArray copy = module.array(name).duplicate();
            copy.attach(step);
            copies.put(name, copy);
        }
        return copies;
    }

    private void restore(Map<String, NDArray> copies) {
        copies.forEach((name, copy) -> copy.copyTo(module.array(name)));
    }

    private TrainingDiverged diverged(int epoch, String what, Optional<Path> lastGood) {
        return new TrainingDiverged(stage, epoch, step, what, lastGood);
    }

    /** Running sums of one epoch. */
    private static final class Totals {
        int steps;
        long examples;
        long correct;
        double lossSum;
        double gradNormSum;
        int clipped;

        void add(int size, double batchLoss, long batchCorrect, double gradNorm) {
            steps++;
            examples += size;
            correct += batchCorrect;
            lossSum += batchLoss * size;
            gradNormSum += gradNorm;
        }
    }
}
