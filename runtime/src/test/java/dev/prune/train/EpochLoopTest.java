package dev.prune.train;

import dev.prune.plan.SamplerSpec;
import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.Duration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.prune.data.Batch;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import dev.prune.rewrite.Transform;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpochLoopTest {

    private static EpochLoop loop(GraphModule module, Optimizer optimizer, long totalSteps, OptionalDouble clip, NDManager manager) {
        LrSchedule lr = LrSchedule.of(ScheduleSpec.constant(Duration.steps(0)), 1e-2, totalSteps, 4);
        return new EpochLoop("test", module, optimizer, new Loss(0.1), lr, clip, manager);
    }

    static Map<String, float[]> snapshot(GraphModule module) {
        Map<String, float[]> values = new LinkedHashMap<>();
        module.graph().parameters().keySet().forEach(name -> values.put(name, module.array(name).toFloatArray()));
        return values;
    }

    static void assertSameParameters(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
    }

    @Test
    void pyTorchAccumulatesGradientsAndTheLoopZeroesThem() {
        // The fact the loop is built around: without zeroing, a second backward adds to the first.
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root)) {
            String name = module.trainableNames().get(0);
            float[] once = backward(module, root);
            float[] twice = backward(module, root);
            for (int i = 0; i < once.length; i++) {
                assertEquals(2 * once[i], twice[i], 1e-5f * Math.max(1, Math.abs(once[i])), name + "[" + i + "]");
            }
            Gradients.zero(module);
            try (NDArray gradient = module.array(name).getGradient()) {
                assertEquals(0f, gradient.abs().sum().getFloat());
            }
        }
    }

    static float[] backward(GraphModule module, NDManager root) {
        try (NDManager step = root.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.ones(new Shape(2, 1, 28, 28));
            // EVAL: the same BatchNorm output both times (TRAIN would move the running statistics, not the gradient).
            collector.backward(module.forward(step, x, Mode.EVAL, LambdaPolicy.asBuilt()).sum());
        }
        try (NDArray gradient = module.array(module.trainableNames().get(0)).getGradient()) {
            return gradient.toFloatArray();
        }
    }

    @Test
    void identicalStepsFromIdenticalStatesGiveIdenticalUpdates() throws Exception {
        Graph graph = Synthetic.convnext();
        List<Batch> batch = Synthetic.batches(1, 8, 1);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root)) {
            Map<String, float[]> first;
            try (Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
                loop(module, adam, 1, OptionalDouble.empty(), root).run(0, Batches.of(batch), LambdaPlan.asBuilt(), Optional.empty());
                first = snapshot(module);
            }
            module.load(graph.stateDict());
            try (Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
                loop(module, adam, 1, OptionalDouble.empty(), root).run(0, Batches.of(batch), LambdaPlan.asBuilt(), Optional.empty());
            }
            assertSameParameters(first, snapshot(module));
            assertNotEquals(Arrays.toString(graph.stateDict().get(module.trainableNames().get(0)).toArray()),
                    Arrays.toString(first.get(module.trainableNames().get(0))), "the step changed nothing");
        }
    }

    @Test
    void aFewEpochsLowerTheLossAndEvaluationSeesIt() throws Exception {
        List<Batch> batches = Synthetic.batches(6, 16, 2);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root);
                Optimizer adam = new AdamW(root, 0.0f, 0.9f, 0.999f)) {
            EpochLoop loop = loop(module, adam, 18, OptionalDouble.of(10), root);
            EpochMetrics firstEpoch = loop.run(0, Batches.of(batches), LambdaPlan.asBuilt(), Optional.empty());
            EpochMetrics last = null;
            for (int epoch = 1; !loop.finished(); epoch++) {
                last = loop.run(epoch, Batches.of(batches), LambdaPlan.asBuilt(), Optional.empty());
            }
            assertEquals(18, loop.step());
            assertEquals(6, firstEpoch.steps());
            assertEquals(96, firstEpoch.examples());
            assertTrue(last.meanLoss() < firstEpoch.meanLoss(), firstEpoch + " then " + last);
            assertTrue(firstEpoch.toJsonLine().startsWith("{\"stage\":\"test\",\"epoch\":0,\"steps\":6"), firstEpoch.toJsonLine());
            Evaluation evaluation = Evaluate.run(module, Batches.of(batches), LambdaPolicy.asBuilt());
            assertEquals(96, evaluation.examples());
            assertTrue(evaluation.top1() > 0.25, "top-1 " + evaluation.top1());
        }
    }

    @Test
    void theStageEndsMidEpochAfterItsSteps() throws Exception {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root);
                Optimizer sgd = new Sgd(root, 0.9f, 0, false)) {
            EpochLoop loop = loop(module, sgd, 3, OptionalDouble.empty(), root);
            EpochMetrics metrics = loop.run(0, Batches.of(Synthetic.batches(5, 4, 3)), LambdaPlan.asBuilt(), Optional.empty());
            assertEquals(3, metrics.steps());
            assertTrue(loop.finished());
        }
    }

    @Test
    void clippingBoundsTheGlobalNorm() {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root)) {
            backward(module, root);
            try (NDManager step = root.newSubManager()) {
                double norm = Gradients.globalNorm(module, step);
                assertTrue(norm > 0.1, "norm " + norm);
                assertTrue(Gradients.clip(module, norm, 0.1, step));
                assertEquals(0.1, Gradients.globalNorm(module, step), 1e-4);
                assertTrue(!Gradients.clip(module, 0.1, 0.1, step));
            }
            Gradients.zero(module);
        }
    }

    @Test
    void aNaNLossStopsTrainingBeforeTheUpdate() {
        List<Batch> good = Synthetic.batches(1, 4, 4);
        float[] images = good.get(0).images().clone();
        images[5] = Float.NaN;
        List<Batch> batches = List.of(good.get(0), new Batch(images, good.get(0).labels(), good.get(0).shape()));
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            EpochLoop loop = loop(module, adam, 10, OptionalDouble.empty(), root);
            Path lastGood = Path.of("runs/r/subnet-abc/checkpoint");
            Map<String, float[]>[] before = new Map[1];
            loop.onStep(result -> before[0] = snapshot(module));
            TrainingDiverged diverged = assertThrows(TrainingDiverged.class,
                    () -> loop.run(3, Batches.of(batches), LambdaPlan.asBuilt(), Optional.of(lastGood)));
            assertEquals("training diverged in stage test, epoch 3, step 1: the loss is NaN; last good checkpoint: " + lastGood,
                    diverged.getMessage());
            assertEquals(1, diverged.step());
            assertSameParameters(before[0], snapshot(module));
            try (NDManager step = root.newSubManager()) {
                assertEquals(0, Gradients.globalNorm(module, step), "gradients left behind");
            }
        }
    }

    @Test
    void aNonFiniteGradientIsNamed() {
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.resnet(), root)) {
            backward(module, root);
            String name = module.trainableNames().get(2);
            try (NDArray gradient = module.array(name).getGradient()) {
                gradient.muli(Float.POSITIVE_INFINITY);
            }
            try (NDManager step = root.newSubManager()) {
                assertTrue(Double.isNaN(Gradients.globalNorm(module, step)) || Double.isInfinite(Gradients.globalNorm(module, step)));
                assertTrue(Gradients.firstNonFinite(module, step).orElseThrow().startsWith("the gradient of " + name + " holds "));
            }
            Gradients.zero(module);
        }
    }

    @Test
    void supernetStepsTrainTheSampledForms() throws Exception {
        Graph base = Synthetic.convnext();
        List<String> candidates = BlockFinder.find(base).stream().filter(Block::isCandidate).map(Block::name).toList();
        Graph supernet = updpTransform().apply(base, candidates, 0);
        BlockSampler sampler = new BlockSampler(new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN), candidates, 2, 7);
        assertEquals(sampler.sample(5), sampler.sample(5), "a step's draw is fixed by (seed, step)");
        assertEquals(2, sampler.sample(5).values().stream().filter(l -> l == 1f).count());
        Set<Map<String, Float>> draws = new HashSet<>();
        for (int s = 0; s < 20; s++) {
            draws.add(sampler.sample(s));
        }
        assertTrue(draws.size() > 3, "draws " + draws);
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(supernet, root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            EpochMetrics metrics = loop(module, adam, 4, OptionalDouble.of(1), root)
                    .run(0, Batches.of(Synthetic.batches(4, 8, 5)), LambdaPlan.sampled(sampler), Optional.empty());
            assertEquals(4, metrics.steps());
            assertEquals(2.0 / candidates.size(), metrics.lambda(), 1e-9);
        }
        Node blend = supernet.nodes().stream().filter(n -> n.op() == Op.BLEND).findFirst().orElseThrow();
        assertThrows(IllegalStateException.class, () -> BlockSampler.policy(Map.of("elsewhere", 1f)).lambda(blend));
    }

    static Transform updpTransform() {
        Compilation compilation = Compiler.compile(new Source("r.prune", """
                prune 1
                import std.updp
                recipe r {
                  model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
                  data fashion_mnist("x") { batch 8 }
                  train baseline { epochs 1 }
                  space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
                  search exhaustive { score top1 on val }
                  train subnet { epochs 1; progressive immediate }
                  merge updp.merge
                  export onnx("out/r.onnx")
                }
                """), List.of());
        assertTrue(compilation.ok(), compilation::render);
        return Transform.from(dev.prune.plan.RuleDecls.of(compilation.recipes().get(0).transform()));
    }

}
