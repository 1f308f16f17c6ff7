package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.Goldens;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Path DIR = Path.of("src/test/resources/plan");

    static Plan plan(String name, String text, List<String> sets) {
        Compilation compilation = Compiler.compile(new Source(name, text), sets);
        assertTrue(compilation.ok(), compilation::render);
        return Planner.plan(compilation.recipes().get(0));
    }

    static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    static Map<String, String> hashes(Plan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.stages().forEach(s -> out.put(s.name(), s.hash()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"convnext", "resnet_imported"})
    void planSnapshots(String name) throws IOException {
        Plan plan = plan(name + ".prune", read(name + ".prune"), List.of());
        Goldens.assertMatches(DIR.resolve(name + ".plan.json"), PlanJson.write(plan));
        Goldens.assertMatches(DIR.resolve(name + ".plan.txt"), PlanTable.render(plan));
    }

    @Test
    void stagesFollowTheRecipe() throws IOException {
        Plan full = plan("convnext.prune", read("convnext.prune"), List.of());
        assertEquals(List.of("baseline", "supernet", "search", "subnet", "merge", "export"),
                full.stages().stream().map(Stage::name).toList());
        assertEquals(StageKind.TRAIN_BASELINE, full.stage("baseline").orElseThrow().kind());

        Plan imported = plan("resnet_imported.prune", read("resnet_imported.prune"), List.of());
        assertEquals(List.of("baseline", "search", "subnet", "merge", "export"), imported.stages().stream().map(Stage::name).toList());
        assertEquals(StageKind.IMPORT_WEIGHTS, imported.stage("baseline").orElseThrow().kind());
        assertEquals(List.of("baseline"), imported.stage("search").orElseThrow().inputs());
    }

    @Test
    void theSameSpecGivesTheSameHashes() throws IOException {
        String text = read("convnext.prune");
        assertEquals(hashes(plan("a.prune", text, List.of())), hashes(plan("b.prune", text, List.of())));
    }

    @Test
    void commentsLayoutAndOrderOfSettingsChangeNothing() throws IOException {
        String text = read("convnext.prune");
        String reshaped = text
                .replace("  seed 7\n", "  seed   7 // the seed\n")
                .replace("    batch 128\n    val 1000 from train\n", "    val 1000 from train; batch 128 /* swapped */\n")
                .replace("\n  }\n", "\n\n\n  }\n");
        assertNotEquals(text, reshaped);
        assertEquals(hashes(plan("convnext.prune", text, List.of())), hashes(plan("convnext.prune", reshaped, List.of())));
    }

    @Test
    void aValueGivenWithSetHashesLikeTheSameValueWritten() throws IOException {
        String text = read("convnext.prune");
        Plan written = plan("convnext.prune", text.replace("epochs 2\n    progressive", "epochs 3\n    progressive"), List.of());
        Plan set = plan("convnext.prune", text, List.of("train.subnet.epochs=3"));
        assertEquals(hashes(written), hashes(set));
        assertEquals("--set 1", set.stage("subnet").orElseThrow().params().stream().filter(p -> p.path().equals("train.subnet.epochs")).findFirst().orElseThrow().from());
    }

    @Test
    void loaderThreadsAndRuntimeThreadsLeaveEveryHashAlone() throws IOException {
        String text = read("convnext.prune");
        Map<String, String> before = hashes(plan("convnext.prune", text, List.of()));
        assertEquals(before, hashes(plan("convnext.prune", text, List.of("data.workers=7"))));
        assertEquals(before, hashes(plan("convnext.prune", text, List.of("runtime.threads=3"))));
        assertNotEquals(before, hashes(plan("convnext.prune", text, List.of("data.batch=32"))));
    }

    @Test
    void aChangeInvalidatesItsStageAndEveryStageAfterIt() throws IOException {
        String text = read("convnext.prune");
        Map<String, String> before = hashes(plan("convnext.prune", text, List.of()));

        Map<String, String> subnet = hashes(plan("convnext.prune", text, List.of("train.subnet.optimizer.lr=1e-4")));
        assertChanged(before, subnet, List.of("subnet", "merge", "export"));

        Map<String, String> export = hashes(plan("convnext.prune", text, List.of("export.verify.atol=1e-5")));
        assertChanged(before, export, List.of("export"));

        Map<String, String> search = hashes(plan("convnext.prune", text, List.of("search.score=loss")));
        assertChanged(before, search, List.of("search", "subnet", "merge", "export"));

        Map<String, String> data = hashes(plan("convnext.prune", text, List.of("data.batch=64")));
        assertChanged(before, data, List.of("baseline", "supernet", "search", "subnet", "merge", "export"));

        Map<String, String> seed = hashes(plan("convnext.prune", text, List.of("seed=8")));
        assertChanged(before, seed, List.of("baseline", "supernet", "search", "subnet", "merge", "export"));
    }

    @Test
    void runtimeSettingsDoNotChangeWhatIsComputed() throws IOException {
        String text = read("convnext.prune");
        assertEquals(hashes(plan("convnext.prune", text, List.of())),
                hashes(plan("convnext.prune", text, List.of("runtime.threads=1", "runtime.fallback=cpu"))));
    }

    @Test
    void aChangedTransformChangesTheStagesThatUseIt() throws IOException {
        String text = read("convnext.prune");
        String local = text.replace("import std.updp\n", "")
                + "\ntransform block {\n  replace relu, relu6, gelu -> identity progressively\n  replace layernorm -> batchnorm progressively\n"
                + "  append batchnorm, activation progressively\n}\n"
                + "rules merge {\n  fold batchnorm\n  compose conv, linear where macs <= 1.5 x\n}\n";
        String withLocal = local.replace("transform updp.block", "transform block").replace("merge updp.merge", "merge merge");
        Map<String, String> a = hashes(plan("convnext.prune", withLocal, List.of()));
        Map<String, String> b = hashes(plan("convnext.prune", withLocal.replace("append batchnorm, activation progressively\n", ""), List.of()));
        assertChanged(a, b, List.of("supernet", "search", "subnet", "merge", "export"));
    }

    /** A block whose merge would not pay is listed under space.left_out, beside the candidates it is not among. */
    @Test
    void withoutASupernetTheSubnetStartsFromTheBaselineAsIfItWereWritten() throws IOException {
        String text = read("resnet_imported.prune");
        Plan implicit = plan("resnet_imported.prune", text, List.of());
        Plan written = plan("resnet_imported.prune", text.replace("    steps 2000\n", "    steps 2000\n    init baseline\n"), List.of());
        assertEquals(hashes(written), hashes(implicit));
        Param init = implicit.stage("subnet").orElseThrow().params().stream().filter(p -> p.path().equals("train.subnet.init")).findFirst()
                .orElseThrow();
        assertEquals("baseline", init.shown());
        assertTrue(init.from().startsWith("derived resnet_imported.prune:25:"), init.from());
        assertEquals(List.of("search", "baseline"), implicit.stage("subnet").orElseThrow().inputs());
    }

    @Test
    void anImportedModelWithHardSwishTrainsUnderTheNumericsRevisionInEveryStage(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path relu = dir.resolve("relu.onnx");
        Path hard = dir.resolve("hard.onnx");
        dev.prune.onnx.OnnxExporter.write(tinyClassifier(dev.prune.ir.Op.RELU), relu);
        dev.prune.onnx.OnnxExporter.write(tinyClassifier(dev.prune.ir.Op.HARD_SWISH), hard);
        assertTrue(Planner.hasHardActivations(importedModel(hard)));
        assertTrue(!Planner.hasHardActivations(importedModel(relu)));

        Plan plan = plan("resnet_imported.prune", read("resnet_imported.prune"), List.of());
        TrainSpec subnet = plan.subnet();
        TrainSpec direct = new TrainSpec(subnet.stage(), subnet.length(), subnet.optimizer(), subnet.schedule(), 0,
                subnet.clipGrad(), subnet.sampler(), Optional.of(new ProgressionSpec(ProgressionSpec.Kind.IMMEDIATE, 1, 1, subnet.length())),
                subnet.init(), subnet.seed(), subnet.until());
        assertEquals(Optional.empty(), Planner.numericsRevision(direct, false));
        assertEquals(Optional.of(Planner.NUMERICS_REVISION), Planner.numericsRevision(direct, true));
    }

    private static ModelPlan importedModel(Path file) {
        return new ModelPlan(new ModelPlan.Architecture("onnx", Map.of("path", file.toString())), List.of(1, 6, 6), 10,
                new ModelPlan.WeightsSource.Random());
    }

    /** Stem conv, the given activation, one residual block (conv, ReLU, conv, +x), pooled to 10 classes. */
    private static dev.prune.ir.Graph tinyClassifier(dev.prune.ir.Op activation) {
        java.util.Random random = new java.util.Random(3);
        dev.prune.ir.GraphBuilder b = new dev.prune.ir.GraphBuilder("tiny");
        String x = b.input("input", dev.prune.ir.Shape.of(dev.prune.ir.Shape.DYNAMIC, 1, 6, 6));
        String stem = b.node(activation, "stem.act", List.of(conv(b, random, "stem", x, 1)), dev.prune.ir.Attributes.empty());
        String inner = b.node(dev.prune.ir.Op.RELU, "block.relu", List.of(conv(b, random, "block.0", stem, 4)),
                dev.prune.ir.Attributes.empty());
        String out = b.node(dev.prune.ir.Op.ADD, "block.add", List.of(conv(b, random, "block.1", inner, 4), stem),
                dev.prune.ir.Attributes.empty());
        String pooled = b.node(dev.prune.ir.Op.GLOBAL_AVERAGE_POOL, "head.pool", List.of(out), dev.prune.ir.Attributes.empty());
        String flat = b.node(dev.prune.ir.Op.FLATTEN, "head.flatten", List.of(pooled), dev.prune.ir.Attributes.builder().put("axis", 1).build());
        String w = b.parameter("head.fc.weight", dev.prune.ir.Tensor.generate(i -> random.nextGaussian(), 10, 4),
                dev.prune.ir.Parameter.Kind.TRAINABLE);
        String bias = b.parameter("head.fc.bias", dev.prune.ir.Tensor.zeros(10), dev.prune.ir.Parameter.Kind.TRAINABLE);
        b.output(b.node(dev.prune.ir.Op.GEMM, "head.fc", List.of(flat, w, bias), dev.prune.ir.Attributes.builder().put("transB", 1).build()));
        return b.build();
    }

    private static String conv(dev.prune.ir.GraphBuilder b, java.util.Random random, String module, String x, int in) {
        String w = b.parameter(module + ".weight", dev.prune.ir.Tensor.generate(i -> random.nextGaussian(), 4, in, 3, 3),
                dev.prune.ir.Parameter.Kind.TRAINABLE);
        String bias = b.parameter(module + ".bias", dev.prune.ir.Tensor.zeros(4), dev.prune.ir.Parameter.Kind.TRAINABLE);
        return b.node(dev.prune.ir.Op.CONV, module, List.of(x, w, bias), dev.prune.ir.Attributes.builder().putInts("kernel_shape", 3, 3)
                .putInts("pads", 1, 1, 1, 1).build());
    }

    @Test
    void theSpaceListsTheBlocksLeftOut() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/diagnostics/warning_merge_does_not_pay.prune"));
        Plan plan = plan("mobilenet.prune", text, List.of());
        assertEquals(List.of("features.1"), plan.space().leftOut());
        List<String> candidates = plan.space().candidates();
        assertTrue(candidates.subList(0, 2).equals(List.of("features.3", "features.5")) && !candidates.contains("features.1"),
                candidates.toString());
        assertTrue(PlanTable.render(plan).contains("space.left_out"), "prune plan shows it");
    }

    private static void assertChanged(Map<String, String> before, Map<String, String> after, List<String> changed) {
        for (String stage : before.keySet()) {
            if (changed.contains(stage)) {
                assertNotEquals(before.get(stage), after.get(stage), stage + " should have a new hash");
            } else {
                assertEquals(before.get(stage), after.get(stage), stage + " should keep its hash");
            }
        }
    }
}
