package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import dev.prune.BenchSize;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.ir.Graph;
import dev.prune.train.Batches;
import dev.prune.plan.Duration;
import dev.prune.train.EpochLoop;
import dev.prune.train.LambdaPlan;
import dev.prune.train.Loss;
import dev.prune.train.LrSchedule;
import dev.prune.train.Optimizer;
import dev.prune.plan.ScheduleSpec;
import dev.prune.train.Synthetic;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One training step of prune's IR engine ({@link GraphModule} run by {@link EpochLoop} with prune's AdamW)
 * against the same network written by hand with DJL's blocks and trained by DJL's {@link Trainer} with DJL's
 * AdamW, at batch 64 on 1×28×28, for a small ResNet and a small ConvNeXt.
 *
 * <p>Both start from the same weights (copied from the graph) and see the same batches. Before timing, the
 * benchmark checks that both compute the same logits (evaluation and training mode, within 1e-4) and that the
 * warm-up steps give the same losses (the first to rounding, the later ones within 1e-2), so the two really
 * train the same network the same way. Weight decay is
 * 0 on both sides: DJL's AdamW decays every parameter, prune's only weights of rank > 1.
 *
 * <p>Steps are timed interleaved (the order within a round alternates) on the shared, noisy machine; the
 * benchmark prints the median step of each and the ratio IR / DJL, and asserts nothing about time. Every build
 * runs it at smoke size (the same networks and checks, a few steps); measure with
 * {@code -Dprune.bench.size=full -Dtest=EngineVsDjlBenchmark}.
 */
@Tag("benchmark")
class EngineVsDjlBenchmark {

    private static final int BATCH = BenchSize.pick(16, 64);
    private static final int CLASSES = 10;
    private static final int WARMUP = BenchSize.pick(3, 10);
    private static final int TIMED = BenchSize.pick(2, 60);
    private static final float LR = 1e-3f;
    private static final ImageShape INPUT = ImageShape.of(1, 28, 28);

    @Test
    void trainingStepIrEngineVersusHandWrittenDjl() throws Exception {
        int[] resnetDepths = {2, 2, 2, 2};
        int[] resnetWidths = {16, 32, 64, 128};
        int[] convnextDepths = {2, 2, 6, 2};
        int[] convnextDims = {24, 48, 96, 192};
        List<String> lines = new ArrayList<>();
        lines.add(compare("resnet " + Arrays.toString(resnetDepths) + " x " + Arrays.toString(resnetWidths),
                Zoo.build("resnet", Map.of("depths", list(resnetDepths), "widths", list(resnetWidths)), INPUT, CLASSES, BuildOptions.seeded(1)),
                HandWrittenDjl.resnet(resnetDepths, resnetWidths, CLASSES)));
        // The zoo's stem for 28×28 and four stages is 2 (ConvNeXt.defaultStem); copyFrom checks the stem's shape.
        lines.add(compare("convnext " + Arrays.toString(convnextDepths) + " x " + Arrays.toString(convnextDims),
                Zoo.build("convnext", Map.of("depths", list(convnextDepths), "dims", list(convnextDims)), INPUT, CLASSES, BuildOptions.seeded(1)),
                HandWrittenDjl.convnext(convnextDepths, convnextDims, 2, CLASSES)));
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static String compare(String name, Graph graph, HandWrittenDjl.Net net) throws Exception {
        List<Batch> batches = Synthetic.batches(WARMUP + TIMED, BATCH, 1);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer adam = new dev.prune.train.AdamW(root, 0f, 0.9f, 0.999f); Model model = Model.newInstance(name)) {
            model.setBlock(net.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(AdamW.builder().optLearningRateTracker(Tracker.fixed(LR)).optWeightDecays(0f).optBeta1(0.9f).optBeta2(0.999f)
                            .optEpsilon(1e-8f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, 28, 28));
                net.copyFrom(graph);
                assertSameLogits(name, module, trainer, batches.get(0), root);

                IrSide ir = new IrSide(module, adam, root, batches.size());
                DjlSide djl = new DjlSide(trainer);
                double firstLossGap = Math.abs(ir.step(batches.get(0)) - djl.step(batches.get(0)));
                double worstLossGap = firstLossGap;
                for (Batch batch : batches.subList(1, WARMUP)) {
                    worstLossGap = Math.max(worstLossGap, Math.abs(ir.step(batch) - djl.step(batch)));
                }
                // Same weights and batch: the first losses agree to rounding. Later ones drift a little, as Adam
                // turns rounding-sized differences in near-zero gradients into steps of size lr; they must stay close.
                assertTrue(firstLossGap < 1e-5, name + ": the first losses differ by " + firstLossGap);
                assertTrue(worstLossGap < 1e-2, name + ": the losses of the two trainings drifted apart by " + worstLossGap);

                double[] irMs = new double[TIMED];
                double[] djlMs = new double[TIMED];
                double[] ratios = new double[TIMED];
                for (int i = 0; i < TIMED; i++) {
                    Batch batch = batches.get(WARMUP + i);
                    // Alternate which side goes first, so that neither always runs on the other's leftovers (caches, GC).
                    if (i % 2 == 0) {
                        irMs[i] = ir.timedStep(batch);
                        djlMs[i] = djl.timedStep(batch);
                    } else {
                        djlMs[i] = djl.timedStep(batch);
                        irMs[i] = ir.timedStep(batch);
                    }
                    ratios[i] = irMs[i] / djlMs[i];
                }
                double ir50 = median(irMs);
                double djl50 = median(djlMs);
                // The verdict takes the larger of the two estimates: the ratio of the medians, and the median of the
                // per-round ratios (which follows the machine's load as it drifts, each pair being adjacent in time).
                double ratio = Math.max(ir50 / djl50, median(ratios));
                return String.format("%s, batch %d, %d interleaved steps: IR engine %.1f ms, hand-written DJL %.1f ms per step (medians);"
                        + " ratio IR/DJL %.3f (median of per-round ratios %.3f); loss gap %.1e first step, %.1e over warm-up;"
                        + " within 10 %%: %s", name, BATCH, TIMED, ir50, djl50, ir50 / djl50, median(ratios), firstLossGap, worstLossGap,
                        ratio <= 1.10 ? "yes" : "no");
            }
        }
    }

    /** The logits of the first batch agree in evaluation mode and in training mode (batch statistics). */
    private static void assertSameLogits(String name, GraphModule module, Trainer trainer, Batch batch, NDManager root) {
        try (NDManager step = root.newSubManager()) {
            NDArray x = new BatchArrays().images(batch, step);
            NDArray irEval = module.forward(step, x, Mode.EVAL, LambdaPolicy.asBuilt());
            NDArray djlEval = trainer.evaluate(new NDList(x)).singletonOrThrow();
            // A training-mode forward moves BatchNorm's running statistics, by the same amount on both sides.
            NDArray irTrain = module.forward(step, x, Mode.TRAIN, LambdaPolicy.asBuilt());
            NDArray djlTrain = trainer.forward(new NDList(x)).singletonOrThrow();
            float evalGap = irEval.sub(djlEval).abs().max().getFloat();
            float trainGap = irTrain.sub(djlTrain).abs().max().getFloat();
            System.out.printf("%s: max |IR − DJL| logit difference %.2e (eval), %.2e (train)%n", name, evalGap, trainGap);
            assertTrue(evalGap < 1e-4 && trainGap < 1e-4, name + ": IR and DJL logits differ by " + evalGap + " (eval), " + trainGap + " (train)");
        }
    }

    /** prune's training step: {@link EpochLoop} on a {@link GraphModule}, one batch per call. */
    private static final class IrSide {

        private final EpochLoop loop;
        private double lastLoss;

        IrSide(GraphModule module, Optimizer adam, NDManager root, int steps) {
            LrSchedule lr = LrSchedule.of(ScheduleSpec.constant(Duration.steps(0)), LR, steps, steps);
            loop = new EpochLoop("bench", module, adam, new Loss(0), lr, OptionalDouble.empty(), root);
            loop.onStep(result -> lastLoss = result.loss());
        }

        double step(Batch batch) throws Exception {
            loop.run(0, Batches.of(List.of(batch)), LambdaPlan.asBuilt(), Optional.empty());
            return lastLoss;
        }

        double timedStep(Batch batch) throws Exception {
            long start = System.nanoTime();
            step(batch);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /**
     * DJL's training step as its {@code EasyTrain.trainBatch} and {@code trainer.step()} do it: one gradient
     * collector per batch, forward, loss, backward, then the optimizer. The loss is read back, as prune's
     * loop reads it, and the gradients are zeroed afterwards: DJL's PyTorch gradient collector does not zero
     * them (deepjavalibrary/djl#2024, #2232), so without it every step would add to the last one's.
     */
    private static final class DjlSide {

        private final Trainer trainer;
        private final BatchArrays arrays = new BatchArrays();
        private final List<PtNDArray> trainable = new ArrayList<>();

        DjlSide(Trainer trainer) {
            this.trainer = trainer;
            for (Pair<String, Parameter> parameter : trainer.getModel().getBlock().getParameters()) {
                if (parameter.getValue().requiresGradient()) {
                    trainable.add((PtNDArray) parameter.getValue().getArray());
                }
            }
        }

        double step(Batch batch) {
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDList xy = arrays.toArrays(batch, step);
                float loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(xy.get(0)));
                    NDArray lossValue = trainer.getLoss().evaluate(new NDList(xy.get(1)), predictions);
                    loss = lossValue.getFloat();
                    collector.backward(lossValue);
                }
                trainer.step();
                for (PtNDArray parameter : trainable) {
                    JniUtils.zeroGrad(parameter);
                }
                return loss;
            }
        }

        double timedStep(Batch batch) {
            long start = System.nanoTime();
            step(batch);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
