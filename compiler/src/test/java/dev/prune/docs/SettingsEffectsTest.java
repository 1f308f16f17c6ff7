package dev.prune.docs;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.Goldens;
import dev.prune.lang.Catalogue;
import dev.prune.lang.Family;
import dev.prune.lang.SectionKind;
import dev.prune.lang.SettingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table "catalogue entry → the tests that show it takes effect" (issue 9, item 2), kept true: every setting,
 * clause, section subject, call and call argument of the {@link Catalogue} has a row, no row names an entry the
 * catalogue lacks, and every test class a row names exists. {@code docs/settings-effects.md} is this table
 * ({@code -Dprune.updateGoldens=true} rewrites it). That each entry reaches its typed plan record, and the stage
 * hashes, is {@code BindingsTest}'s, for all of them; the rows name what shows the effect beyond the plan.
 * A row starting with {@code PARTIAL} or {@code NONE} says what is missing.
 */
class SettingsEffectsTest {

    private static final Path DOC = Path.of("../docs/settings-effects.md");
    private static final List<Path> TEST_TREES = List.of(Path.of("../compiler/src/test/java"), Path.of("../runtime/src/test/java"),
            Path.of("../spark/src/test/java"), Path.of("../lsp/src/test/java"));

    static final Map<String, String> ROWS = Map.ofEntries(
            entry("recipe seed", "StageSettingsTest (reaches every stage's hash); ZooSmallModelTest (initial weights depend on the seed); BatchLoaderTest (the validation split is fixed by the seed)"),
            entry("recipe merge", "MergeModelsTest, ComposeTest, FoldTest (the rule set merges exactly); MergeCostTest (its `where` bounds decide)"),
            entry("model input", "ZooSmallModelTest (the graph's input shape); HostileInputsTest (an ONNX model of another input is refused)"),
            entry("model classes", "ZooImageNetTest (1000 classes: the published parameter counts); HostileInputsTest"),
            entry("model weights", "ImportedModelRunTest (trained ONNX weights, pruned end to end); HostileInputsTest (checkpoint folders)"),
            entry("data batch", "DataSpecTest (reaches the loader); SpecFolderRunTest (one batch of 64 scored)"),
            entry("data val", "BatchLoaderTest (counts, percentages, a split fixed by seed and disjoint from train); HostileInputsTest (train 268 + val 32)"),
            entry("data val from", "BatchLoaderTest (held out from the training pool; `train` is the only choice)"),
            entry("data augment", "TransformsTest; PreprocessGoldenTest (against torchvision); BatchLoaderTest (evaluation is unaugmented)"),
            entry("data preprocess", "PreprocessGoldenTest (against torchvision); DataCommandTest (the written preview)"),
            entry("data workers", "BatchLoaderTest (one worker and two make the same batches: hash-neutral); PlannerTest (in no hash)"),
            entry("train baseline", "PlannerTest (stages follow the recipe); RunEndToEndTest"),
            entry("train supernet", "PlannerTest (without it the search reads the baseline); RunEndToEndTest"),
            entry("train subnet", "RunEndToEndTest; SchedulesTest"),
            entry("train epochs", "EpochLoopTest (epochs lower the loss); SchedulesTest (durations convert with steps per epoch)"),
            entry("train steps", "EpochLoopTest (the stage ends mid-epoch after its steps)"),
            entry("train optimizer", "AdamWTest, SgdTest (the update follows the formula)"),
            entry("train schedule", "SchedulesTest"),
            entry("train sample", "BlockSamplerTest; EpochLoopTest (supernet steps train the sampled forms)"),
            entry("train progressive", "SchedulesTest (λ over the steps); ExperimentRunTest (the immediate variant)"),
            entry("train label_smoothing", "LossTest (cross-entropy with label smoothing by hand); TrainSpecTest"),
            entry("train clip_grad", "EpochLoopTest (clipping bounds the global norm)"),
            entry("train init", "PARTIAL: StageSettingsTest (the subnet's input stage and hash follow `init`); no run test compares the subnet's first weights with the supernet's"),
            entry("train seed", "StageSettingsTest (its stage and those after it only); ExperimentRunTest (seeds per cell)"),
            entry("space blocks", "BlockFinderTest; PlannerTest (the candidates); SetSubjectTest (resolved against a replaced model)"),
            entry("space blocks except", "PARTIAL: BindingsTest and the candidates in PlannerTest's golden plan only; the examples use it"),
            entry("space prune", "SearchTest (every set scored has that many blocks: 45 + 120 sets for 2..3 of 10)"),
            entry("space prune where", "SearchTest (MACs and parameter budgets respected); LatencyBudgetRunTest (latency measured in ONNX Runtime)"),
            entry("space transform", "TransformTest, TransformGatesTest; PlannerTest (a changed transform changes the stages using it)"),
            entry("search evolution", "SearchTest"),
            entry("search exhaustive", "SearchTest; RunEndToEndTest"),
            entry("search random", "SearchTest; SpecFolderRunTest (`--set search=random`: one set drawn where exhaustive scores two)"),
            entry("search population", "SearchTest (a generation, or the draws, score that many sets); SpecFolderRunTest"),
            entry("search generations", "SearchTest (each generation scores more sets after the same first ones)"),
            entry("search mutation", "SearchTest (mutation changes which sets later generations meet)"),
            entry("search score", "ReusedStageTest (score loss: the lowest loss is chosen, candidates.jsonl says loss); CandidateChartTest (the chart's axis)"),
            entry("search score on", "ReusedStageTest (on train: the log and candidates.jsonl say train)"),
            entry("search batches", "SpecFolderRunTest (batches 1: 64 of the 128 held out scored)"),
            entry("search recalibrate", "BatchNormRecalibrationTest; SpecFolderRunTest, ExperimentRunTest (the log)"),
            entry("search seed", "SearchTest (the seed chooses the draws); StageSettingsTest"),
            entry("export opset", "OnnxWireTest (opset 17 written); a single value: the range refuses every other"),
            entry("export verify atol", "VerificationChainTest (the spec's atol decides the ONNX Runtime link)"),
            entry("export bench batch", "LatencyBenchmarkTest (one row per batch asked)"),
            entry("export runs", "LatencyBenchmarkTest (the timed runs it was given)"),
            entry("runtime device", "RunCommandTest (gpu: stopped, naming the library to install); EngineThreadsTest (the GPU path)"),
            entry("runtime provider", "RunCommandTest (rocm: stopped, naming the build); OnnxRuntimeProvidersTest"),
            entry("runtime threads", "EngineThreadsTest (reaches PyTorch); OrtThreadsTest (reaches ONNX Runtime); PlannerTest (in no hash)"),
            entry("runtime fallback", "EngineThreadsTest (gpu with fallback cpu runs on the CPU)"),
            entry("runtime executor", "SparkRunTest, LocalModeScoringTest (the search scored as Spark tasks)"),

            entry("architecture resnet", "ModelArgumentsFuzzTest; SetSubjectTest"),
            entry("architecture resnet depths", "ModelArgumentsFuzzTest; SetSubjectTest (depths [1, 1, 1, 1]: one block in layer1)"),
            entry("architecture resnet widths", "ZooSmallModelTest (narrow widths build and verify); ModelArgumentsFuzzTest"),
            entry("architecture resnet18", "ZooImageNetTest (published parameters and MACs)"),
            entry("architecture resnet34", "ZooImageNetTest"),
            entry("architecture mobilenet_v2", "ZooSmallModelTest; ZooImageNetTest"),
            entry("architecture mobilenet_v2 width_mult", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture convnext", "ZooSmallModelTest"),
            entry("architecture convnext depths", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture convnext dims", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture convnext stem", "ZooSmallModelTest (a small ConvNeXt uses a stem of two); ModelArgumentsFuzzTest"),
            entry("architecture convnext_tiny", "ZooImageNetTest"),
            entry("architecture deit", "ZooSmallModelTest"),
            entry("architecture deit depth", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture deit dim", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture deit heads", "ZooSmallModelTest; ModelArgumentsFuzzTest"),
            entry("architecture deit patch", "ModelArgumentsFuzzTest"),
            entry("architecture deit mlp_ratio", "ModelArgumentsFuzzTest"),
            entry("architecture deit_tiny", "ZooImageNetTest"),
            entry("architecture onnx", "TorchvisionRunTest (a torchvision export pruned end to end)"),
            entry("architecture onnx path", "SpecRelativePathsTest (found beside the spec; its content in the hashes); TorchvisionRunTest"),
            entry("weights none", "ZooSmallModelTest (weights depend only on the seed and the name)"),
            entry("weights onnx", "ImportedModelRunTest"),
            entry("weights onnx path", "ImportedModelRunTest; SpecRelativePathsTest; HostileInputsTest (a file that is not ONNX, or of another shape, is refused)"),
            entry("weights checkpoint", "PARTIAL: HostileInputsTest (a finished baseline folder is accepted, a missing one refused); no run starts from one"),
            entry("weights checkpoint path", "PARTIAL: HostileInputsTest (the folder looked for is named)"),
            entry("dataset fashion_mnist", "ShippedFashionMnistTest; SpecFolderRunTest"),
            entry("dataset fashion_mnist path", "SpecFolderRunTest (found beside the spec, from another working directory); SpecRelativePathsTest"),
            entry("dataset fashion_mnist max_train", "BatchLoaderTest (caps); HostileInputsTest (train 268 + val 32 of 300)"),
            entry("dataset fashion_mnist max_test", "BatchLoaderTest (caps); ExperimentRunTest"),
            entry("dataset mnist", "IdxErrorsTest; DataSpecTest"),
            entry("dataset mnist path", "IdxErrorsTest (the folder is read, its problems named)"),
            entry("dataset mnist max_train", "PARTIAL: the same reader as fashion_mnist's (BatchLoaderTest); DataSpecTest"),
            entry("dataset mnist max_test", "PARTIAL: the same reader as fashion_mnist's (BatchLoaderTest); DataSpecTest"),
            entry("dataset image_folder", "ImageFolderTest; ImportedModelRunTest; DataCommandTest"),
            entry("dataset image_folder path", "ImageFolderTest; SpecRelativePathsTest"),
            entry("augmentation random_crop", "TransformsTest"),
            entry("augmentation random_crop size", "TransformsTest"),
            entry("augmentation random_crop padding", "TransformsTest (a crop stays within the padded image)"),
            entry("augmentation random_resized_crop", "TransformsTest; PreprocessGoldenTest (torchvision's windows)"),
            entry("augmentation random_resized_crop size", "TransformsTest (the size asked)"),
            entry("augmentation random_resized_crop min_scale", "PreprocessGoldenTest (torchvision's windows for the scale range)"),
            entry("augmentation random_resized_crop interpolation", "PreprocessGoldenTest"),
            entry("augmentation hflip", "TransformsTest"),
            entry("augmentation hflip p", "TransformsTest (the probability is honoured)"),
            entry("preprocessing resize", "TransformsTest; PreprocessGoldenTest"),
            entry("preprocessing resize size", "TransformsTest (the shorter side)"),
            entry("preprocessing resize interpolation", "PreprocessGoldenTest (bilinear and bicubic against torchvision)"),
            entry("preprocessing center_crop", "TransformsTest"),
            entry("preprocessing center_crop size", "TransformsTest; PreprocessGoldenTest"),
            entry("preprocessing normalize", "TransformsTest; PreprocessGoldenTest"),
            entry("preprocessing normalize mean", "PreprocessGoldenTest (against ToTensor and Normalize)"),
            entry("preprocessing normalize std", "PreprocessGoldenTest (against ToTensor and Normalize)"),
            entry("optimizer sgd", "SgdTest"),
            entry("optimizer sgd lr", "SgdTest"),
            entry("optimizer sgd momentum", "SgdTest"),
            entry("optimizer sgd weight_decay", "SgdTest"),
            entry("optimizer sgd nesterov", "SgdTest (with and without)"),
            entry("optimizer adamw", "AdamWTest"),
            entry("optimizer adamw lr", "AdamWTest"),
            entry("optimizer adamw weight_decay", "AdamWTest"),
            entry("optimizer adamw beta1", "AdamWTest"),
            entry("optimizer adamw beta2", "AdamWTest"),
            entry("schedule constant", "SchedulesTest"),
            entry("schedule constant warmup", "SchedulesTest"),
            entry("schedule cosine", "SchedulesTest"),
            entry("schedule cosine warmup", "SchedulesTest"),
            entry("schedule cosine min_lr", "SchedulesTest"),
            entry("schedule step", "SchedulesTest"),
            entry("schedule step every", "SchedulesTest"),
            entry("schedule step gamma", "SchedulesTest"),
            entry("schedule step warmup", "SchedulesTest"),
            entry("sampler uniform", "BlockSamplerTest"),
            entry("sampler uniform p", "BlockSamplerTest (p 0, 1 and 0.25)"),
            entry("sampler exact", "BlockSamplerTest (as many blocks as the space prunes, every step)"),
            entry("progression linear", "SchedulesTest"),
            entry("progression linear from", "SchedulesTest"),
            entry("progression linear to", "SchedulesTest"),
            entry("progression linear until", "SchedulesTest"),
            entry("progression cosine", "SchedulesTest"),
            entry("progression cosine from", "SchedulesTest"),
            entry("progression cosine to", "SchedulesTest"),
            entry("progression cosine until", "SchedulesTest"),
            entry("progression immediate", "SchedulesTest; ExperimentRunTest"),
            entry("device cpu", "RunEndToEndTest"),
            entry("device gpu", "RunCommandTest (refused on the CPU build, naming what to install); EngineThreadsTest"),
            entry("device gpu index", "PARTIAL: no GPU on these machines; RunCommandTest sees gpu:0 refused before any work"),
            entry("executor local", "RunEndToEndTest"),
            entry("executor spark", "SparkRunTest; ClusterTest"),
            entry("executor spark master", "SparkRunTest; ClusterTest"),
            entry("export format onnx", "RunEndToEndTest"),
            entry("export format onnx path", "SpecFolderRunTest (written beside the spec); ReusedStageTest (restored when missing)"));

    /** Every entry of the catalogue, named as the table names it. */
    static Set<String> entries() {
        Set<String> out = new LinkedHashSet<>();
        Catalogue.RECIPE_SETTINGS.forEach(spec -> settings(out, "recipe", spec));
        for (Map.Entry<SectionKind, List<SettingSpec>> section : Catalogue.SECTIONS.entrySet()) {
            String keyword = section.getKey().keyword();
            Catalogue.subjectNames(section.getKey()).forEach(name -> out.add(keyword + " " + name));
            section.getValue().forEach(spec -> settings(out, keyword, spec));
        }
        for (Family family : Catalogue.FAMILIES) {
            for (Family.CallSpec call : family.calls().values()) {
                out.add(family.name() + " " + call.name());
                call.params().forEach(p -> out.add(family.name() + " " + call.name() + " " + p.name()));
            }
        }
        return out;
    }

    /** A setting, and each of its clauses; a setting of clauses only ({@code verify atol}) is its clauses. */
    private static void settings(Set<String> out, String prefix, SettingSpec spec) {
        if (!spec.clausesOnly()) {
            out.add(prefix + " " + spec.key());
        }
        spec.clauses().forEach(c -> out.add(prefix + " " + spec.key() + " " + c.keyword()));
    }

    @Test
    void everyCatalogueEntryHasARowAndNoRowIsStale() {
        Set<String> entries = entries();
        Set<String> missing = new TreeSet<>(entries);
        missing.removeAll(ROWS.keySet());
        assertEquals(Set.of(), missing, "catalogue entries without a row: add which tests show their effect");
        Set<String> stale = new TreeSet<>(ROWS.keySet());
        stale.removeAll(entries);
        assertEquals(Set.of(), stale, "rows for entries the catalogue does not have");
    }

    @Test
    void everyTestARowNamesExists() throws IOException {
        Set<String> classes = new TreeSet<>();
        for (Path tree : TEST_TREES) {
            if (Files.isDirectory(tree)) {
                try (Stream<Path> files = Files.walk(tree)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                            .forEach(n -> classes.add(n.substring(0, n.length() - ".java".length())));
                }
            }
        }
        Pattern name = Pattern.compile("\\b[A-Z][A-Za-z0-9]*Test\\b");
        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            Matcher m = name.matcher(row.getValue());
            boolean any = false;
            while (m.find()) {
                any = true;
                assertTrue(classes.contains(m.group()), row.getKey() + " names " + m.group() + ", which no test tree holds");
            }
            assertTrue(any, row.getKey() + " names no test");
        }
    }

    @Test
    void theDocIsTheTable() {
        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated by compiler/src/test/java/dev/prune/docs/SettingsEffectsTest.java; do not edit.\n")
                .append("     Regenerate: mvn -q test -pl compiler -am -Dtest=SettingsEffectsTest -Dprune.updateGoldens=true -Dsurefire.failIfNoSpecifiedTests=false -->\n\n")
                .append("# Every setting takes effect: the tests that show it\n\n")
                .append("Every entry of the language's catalogue (settings, clauses, section subjects, calls and their arguments), and the\n")
                .append("tests that show its effect beyond the plan. That each one reaches its typed plan record and the stage hashes is\n")
                .append("`BindingsTest`'s, for all of them. `PARTIAL` marks what is shown only in part. The test that writes this file fails\n")
                .append("on a catalogue entry without a row.\n\n")
                .append("| entry | shown by |\n|---|---|\n");
        List<String> order = new ArrayList<>(entries());
        for (String entry : order) {
            out.append("| `").append(entry).append("` | ").append(ROWS.getOrDefault(entry, "")).append(" |\n");
        }
        Goldens.assertMatches(DOC, out.toString());
    }
}
