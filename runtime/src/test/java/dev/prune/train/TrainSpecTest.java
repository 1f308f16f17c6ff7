package dev.prune.train;

import dev.prune.plan.TrainSpec;
import dev.prune.plan.ProgressionSpec;
import dev.prune.plan.SamplerSpec;
import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.OptimizerSpec;
import dev.prune.plan.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.plan.Plan;
import dev.prune.plan.Planner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The planner binds each train section to a TrainSpec from what the real compiler checked, defaults included. */
class TrainSpecTest {

    private static final String RECIPE = """
            prune 1
            import std.updp
            recipe r {
              seed 7
              model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
              data fashion_mnist("examples/data/fashion-mnist") { batch 64 }
              train baseline { epochs 2; optimizer adamw(lr: 2e-3, weight_decay: 0.05); schedule cosine(warmup: 0.5 epochs) }
              space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
              train supernet { epochs 1; sample exact; clip_grad 5 }
              search exhaustive { score top1 on val }
              train subnet { steps 2000; optimizer sgd(lr: 0.01, weight_decay: 5e-4); schedule step(every: 500 steps, gamma: 0.5)
                             progressive cosine(until: 1000 steps); label_smoothing 0.1 }
              merge updp.merge
              export onnx("out/r.onnx")
            }
            """;

    private static Plan plan() {
        Compilation compilation = Compiler.compile(new Source("r.prune", RECIPE), List.of());
        assertTrue(compilation.ok(), compilation::render);
        return Planner.plan(compilation.recipes().get(0));
    }

    @Test
    void baseline() {
        TrainSpec spec = plan().baseline().orElseThrow();
        assertEquals(new TrainSpec("baseline", Duration.epochs(2), new OptimizerSpec.AdamWSpec(2e-3, 0.05, 0.9, 0.999),
                ScheduleSpec.cosine(Duration.epochs(0.5), 0), 0, OptionalDouble.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                java.util.OptionalLong.empty(), Optional.empty()), spec);
        assertEquals(938, spec.totalSteps(469));
    }

    @Test
    void supernetHasASamplerAndClipping() {
        TrainSpec spec = plan().supernet().orElseThrow();
        assertEquals(Optional.of(new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN)), spec.sampler());
        assertEquals(OptionalDouble.of(5), spec.clipGrad());
        assertEquals(ScheduleSpec.constant(Duration.steps(0)), spec.schedule());
        assertEquals(new OptimizerSpec.AdamWSpec(1e-3, 0.05, 0.9, 0.999), spec.optimizer());
    }

    @Test
    void subnetWithSgdStepScheduleAndProgression() {
        TrainSpec spec = plan().subnet();
        assertEquals(Duration.steps(2000), spec.length());
        assertEquals(new OptimizerSpec.SgdSpec(0.01, 0.9, 5e-4, false), spec.optimizer());
        assertEquals(ScheduleSpec.step(Duration.steps(500), 0.5, Duration.steps(0)), spec.schedule());
        assertEquals(Optional.of(new ProgressionSpec(ProgressionSpec.Kind.COSINE, 0, 1, Duration.steps(1000))), spec.progression());
        assertEquals(0.1, spec.labelSmoothing(), 1e-12);
        try (NDManager manager = NDManager.newBaseManager(); Optimizer optimizer = Optimizers.create(spec, manager)) {
            assertInstanceOf(Sgd.class, optimizer);
        }
    }
}
