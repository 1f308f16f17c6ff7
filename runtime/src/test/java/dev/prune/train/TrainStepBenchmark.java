package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.Duration;
import ai.djl.ndarray.NDManager;
import dev.prune.BenchSize;
import dev.prune.data.Batch;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Graph;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Milliseconds per training step (AdamW, clipping, label smoothing) at batch 64 on 28 x 28, for two
 * ConvNeXts: the tests' small one and DESIGN.md's example recipe. Prints, asserts no time (the machines are
 * shared and noisy), only that each step ran and its loss is finite. Every build runs it at smoke size (a few
 * steps); measure with {@code -Dprune.bench.size=full -Dtest=TrainStepBenchmark}.
 */
@Tag("benchmark")
class TrainStepBenchmark {

    private static final int WARMUP = BenchSize.pick(1, 5);
    private static final int TIMED = BenchSize.pick(2, 30);

    @Test
    void msPerStep() throws Exception {
        measure("convnext [1,1,2,1] x [8,16,32,64]", Synthetic.convnext());
        measure("convnext [2,2,6,2] x [24,48,96,192]", Zoo.build("convnext",
                Map.of("depths", List.of(2, 2, 6, 2), "dims", List.of(24, 48, 96, 192)), ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(3)));
    }

    private static void measure(String name, Graph graph) throws Exception {
        List<Batch> batches = Synthetic.batches(WARMUP + TIMED, 64, 1);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            LrSchedule lr = LrSchedule.of(ScheduleSpec.constant(Duration.steps(0)), 1e-3, WARMUP + TIMED, batches.size());
            EpochLoop loop = new EpochLoop("bench", module, adam, new Loss(0.1), lr, OptionalDouble.of(5), root);
            loop.run(0, Batches.of(batches.subList(0, WARMUP)), LambdaPlan.asBuilt(), Optional.empty());
            double rssBefore = Rss.currentMb();
            EpochMetrics timed = loop.run(1, Batches.of(batches.subList(WARMUP, batches.size())), LambdaPlan.asBuilt(), Optional.empty());
            assertEquals(TIMED, timed.steps());
            assertTrue(Double.isFinite(timed.meanLoss()), name + ": loss " + timed.meanLoss());
            System.out.printf("%s: %.1f ms per training step at batch 64 (%d steps), RSS %.0f -> %.0f MB%n", name,
                    timed.seconds() * 1000 / timed.steps(), timed.steps(), rssBefore, Rss.currentMb());
        }
    }
}
