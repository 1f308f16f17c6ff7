package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.Fixtures;
import dev.prune.ir.Graph;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import dev.prune.onnx.OnnxExporter;
import dev.prune.train.TensorFile;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue 10's "Found" list and their neighbours, through the CLI as a user meets them: each is
 * refused by {@code check} or by {@code run --dry-run} (the same checks start every run), exit 2, with a
 * message naming the setting or file, before any training, and never as an internal error.
 */
class HostileInputsTest {

    @TempDir
    static Path dir;
    static Path data;

    static final String MODEL = "resnet(depths: [1, 1, 1, 1], widths: [8, 16, 16, 32])";

    @BeforeAll
    static void tinyDataset() {
        data = dir.resolve("data");
        Fixtures.idxPair(data, "train", 300, 28, 10);
        Fixtures.idxPair(data, "t10k", 100, 28, 10);
    }

    /** A recipe on the tiny dataset; {@code replacements} edit its text, as a user would. */
    static String recipe(String... replacements) {
        String text = """
                prune 1
                import std.updp

                recipe hostile {
                  seed 3
                  model MODEL {
                    input [1, 28, 28]
                    classes 10
                    weights none
                  }
                  data fashion_mnist("DATA", max_train: 300, max_test: 100) {
                    batch 16
                    val 32
                  }
                  train baseline {
                    epochs 1
                  }
                  space {
                    blocks "layer*.0"
                    prune 1
                    transform updp.block
                  }
                  search exhaustive
                  train subnet {
                    epochs 1
                    progressive linear(until: 0.5 epochs)
                  }
                  merge updp.merge
                  export onnx("EXPORT")
                }
                """.replace("MODEL", MODEL).replace("DATA", data.toString()).replace("EXPORT", dir.resolve("out/h.onnx").toString());
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), "the recipe has no " + replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return text;
    }

    static Cli.Result dryRun(String text, String... extra) throws IOException {
        Path spec = Files.createTempFile(dir, "spec", ".prune");
        Files.writeString(spec, text);
        List<String> args = new ArrayList<>(List.of("run", "--dry-run", spec.toString(), "--out", dir.resolve("runs").toString()));
        args.addAll(List.of(extra));
        Cli.Result result = Cli.run(dir, args.toArray(String[]::new));
        assertFalse((result.out() + result.err()).contains("internal error"), result.err());
        return result;
    }

    static void refused(Cli.Result result, String... fragments) {
        assertEquals(ExitCode.USAGE, result.exit(), "expected exit 2; stdout:\n" + result.out() + "\nstderr:\n" + result.err());
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), "the message should contain '" + fragment + "':\n" + result.err());
        }
    }

    @Test
    void aGoodRecipeIsReadyToRun() throws IOException {
        Cli.Result result = dryRun(recipe());
        assertEquals(ExitCode.OK, result.exit(), result.err());
        assertTrue(result.out().contains("ready to run") && result.out().contains("train 268 + val 32"), result.out());
        assertFalse(Files.exists(dir.resolve("runs")), "a dry run writes nothing");
    }

    // ------------------------------------------------------------------ output paths

    @Test
    void anExportWhereNothingCanBeWrittenIsRefused() throws IOException {
        refused(dryRun(recipe(dir.resolve("out/h.onnx").toString(), "/proc/y.onnx")), "/proc/y.onnx", "cannot write in /proc");
    }

    @Test
    void anExportUnderARegularFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        refused(dryRun(recipe(dir.resolve("out/h.onnx").toString(), file.resolve("y.onnx").toString())), "is a file, not a folder");
    }

    @Test
    void anExportThatIsAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder.onnx"));
        refused(dryRun(recipe(dir.resolve("out/h.onnx").toString(), folder.toString())), "it is a folder");
    }

    @Test
    void outNamingAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path spec = Files.writeString(dir.resolve("out-file.prune"), recipe());
        Cli.Result result = Cli.run(dir, "run", "--dry-run", spec.toString(), "--out", file.toString());
        refused(result, "--out", "is a file, not a folder");
    }

    @Test
    void anExportNeverOverwritesAFilePruneDidNotWriteUnlessForced() throws IOException {
        Path important = Files.writeString(dir.resolve("important.onnx"), "my notes");
        String text = recipe(dir.resolve("out/h.onnx").toString(), important.toString());
        refused(dryRun(text), "was not written by prune", "--force");
        assertEquals(ExitCode.OK, dryRun(text, "--force").exit());
        assertEquals("my notes", Files.readString(important), "a dry run never writes");
    }

    @Test
    void anExportMayReplaceAnEarlierExportOfPrune() throws IOException {
        Path earlier = dir.resolve("earlier.onnx");
        OnnxExporter.write(Zoo.build("resnet", Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 8, 8, 8)),
                ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(1)), earlier);
        assertEquals(ExitCode.OK, dryRun(recipe(dir.resolve("out/h.onnx").toString(), earlier.toString())).exit());
    }

    // ------------------------------------------------------------------ weights against the model section

    private static Path exportResnet(String name, List<Integer> widths, ImageShape input) {
        Path file = dir.resolve(name);
        OnnxExporter.write(Zoo.build("resnet", Map.of("depths", List.of(1, 1, 1, 1), "widths", widths), input, 10,
                BuildOptions.seeded(1)), file);
        return file;
    }

    @Test
    void onnxWeightsOfAWiderNetworkThanDeclaredAreRefused() throws IOException {
        Path wide = exportResnet("wide.onnx", List.of(16, 32, 32, 64), ImageShape.of(1, 28, 28));
        refused(dryRun(recipe("weights none", "weights onnx(\"" + wide + "\")", "train baseline {\n    epochs 1\n  }", "")),
                "is not the declared resnet", "shape");
    }

    @Test
    void onnxWeightsForAnotherInputAreRefused() throws IOException {
        Path rgb = exportResnet("rgb.onnx", List.of(8, 16, 16, 32), ImageShape.of(3, 32, 32));
        refused(dryRun(recipe("weights none", "weights onnx(\"" + rgb + "\")")), "takes input [3, 32, 32]", "[1, 28, 28]");
    }

    @Test
    void onnxWeightsOfTheDeclaredModelAreAccepted() throws IOException {
        Path same = exportResnet("same.onnx", List.of(8, 16, 16, 32), ImageShape.of(1, 28, 28));
        Cli.Result result = dryRun(recipe("weights none", "weights onnx(\"" + same + "\")"));
        assertEquals(ExitCode.OK, result.exit(), result.err());
    }

    /** An earlier run's finished baseline stage, as the run writes it: {@code <out>/<recipe>/baseline-<hash>/weights.bin}. */
    private static Path finishedBaseline(String recipe) throws IOException {
        Graph graph = Zoo.build("resnet", Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 16, 16, 32)),
                ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(2));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : graph.parameters().values()) {
            tensors.put(p.name(), p.value());
        }
        Path stage = Files.createDirectories(dir.resolve("earlier-runs").resolve(recipe).resolve("baseline-0123456789ab"));
        TensorFile.write(stage.resolve("weights.bin"), Map.of("graph", graph.name()), tensors);
        return stage;
    }

    @Test
    void aCheckpointNamedAsTheReadmeWritesItIsFound() throws IOException {
        finishedBaseline("x");
        Path written = dir.resolve("earlier-runs/x/baseline");
        Cli.Result result = dryRun(recipe("weights none", "weights checkpoint(\"" + written + "\")"));
        assertEquals(ExitCode.OK, result.exit(), result.err());
    }

    @Test
    void aMissingCheckpointSaysWhatWasLookedFor() throws IOException {
        Files.createDirectories(dir.resolve("earlier-runs/none"));
        refused(dryRun(recipe("weights none", "weights checkpoint(\"" + dir.resolve("earlier-runs/none/baseline") + "\")")),
                "no such file or folder", "baseline-<hash>");
    }

    @Test
    void aTruncatedCheckpointNamesTheFile() throws IOException {
        Path stage = finishedBaseline("truncated");
        Path weights = stage.resolve("weights.bin");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        refused(dryRun(recipe("weights none", "weights checkpoint(\"" + stage + "\")")), "weights.bin", "damaged");
    }

    // ------------------------------------------------------------------ damaged run folders

    /** The folder the run gives a stage of this recipe text: {@code <out>/<recipe>/<stage>-<hash>}. */
    private static Path stageFolder(String text, String stage) {
        dev.prune.lang.Compilation compilation = dev.prune.lang.Compiler.compile(new dev.prune.lang.Source("spec.prune", text), List.of());
        dev.prune.plan.Plan plan = dev.prune.plan.Planner.plan(compilation.recipes().get(0));
        return dev.prune.run.RunLayout.of(dir.resolve("runs"), plan.recipe()).stage(plan.stage(stage).orElseThrow());
    }

    @Test
    void aTruncatedCheckpointOfAnUnfinishedStageNamesTheFileAndWhatToDelete() throws IOException {
        String text = recipe();
        Path folder = stageFolder(text, "baseline");
        Path checkpoint = Files.createDirectories(folder.resolve("checkpoint"));
        try {
            Files.write(checkpoint.resolve("model.bin"), "PRUNECKP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            refused(dryRun(text), "model.bin", "damaged", "delete " + folder);
            refused(run(text), "model.bin", "delete " + folder);
        } finally {
            deleteTree(dir.resolve("runs"));
        }
    }

    @Test
    void aDamagedFinishedStageNamesItsWeights() throws IOException {
        String text = recipe();
        Path folder = Files.createDirectories(stageFolder(text, "baseline"));
        try {
            Files.writeString(folder.resolve("done.json"), "{}");
            Files.write(folder.resolve("weights.bin"), new byte[] {1, 2, 3});
            refused(dryRun(text), "weights.bin", "delete " + folder);
        } finally {
            deleteTree(dir.resolve("runs"));
        }
    }

    /** {@code prune run} itself, not a dry run: it refuses the same way before any training. */
    static Cli.Result run(String text) throws IOException {
        Path spec = Files.createTempFile(dir, "spec", ".prune");
        Files.writeString(spec, text);
        Cli.Result result = Cli.run(dir, "run", spec.toString(), "--out", dir.resolve("runs").toString());
        assertFalse((result.out() + result.err()).contains("internal error"), result.err());
        return result;
    }

    @Test
    void aRealRunRefusesBeforeTrainingToo() throws IOException {
        Cli.Result result = run(recipe(dir.resolve("out/h.onnx").toString(), "/proc/y.onnx"));
        refused(result, "cannot write in /proc");
        assertFalse(result.out().contains("training"), result.out());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ------------------------------------------------------------------ data

    @Test
    void dataThatIsMissingAFileOrNotAFolderIsRefusedWithItsPosition() throws IOException {
        refused(dryRun(recipe(data.toString(), dir.resolve("nowhere").toString())), "no such folder", ".prune:11:");
        Path file = Files.writeString(dir.resolve("data-file"), "x");
        refused(dryRun(recipe(data.toString(), file.toString())), "not a folder");
        refused(dryRun(recipe(data.toString(), file.resolve("below").toString())), "no such folder");
    }

    @Test
    void weightsThatAreMissingAFolderOrBelowAFileAreRefused() throws IOException {
        refused(dryRun(recipe("weights none", "weights onnx(\"" + dir.resolve("missing.onnx") + "\")")), "missing.onnx");
        Path folder = Files.createDirectories(dir.resolve("folder.onnx"));
        refused(dryRun(recipe("weights none", "weights onnx(\"" + folder + "\")")), "folder.onnx");
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        refused(dryRun(recipe("weights none", "weights onnx(\"" + file.resolve("m.onnx") + "\")")), "m.onnx");
        refused(dryRun(recipe("weights none", "weights onnx(\"" + file + "\")")), "notes.txt", "not a readable ONNX model");
        refused(dryRun(recipe("weights none", "weights checkpoint(\"" + file.resolve("baseline") + "\")")), "no such file or folder");
    }

    @Test
    void aValidationSplitLeavingNoBatchIsRefusedBeforeTraining() throws IOException {
        // check knows max_train when it is written; without it, only the files tell the pool's size
        refused(dryRun(recipe("max_train: 300, ", "", "val 32", "val 299")), "data.val", "no training step");
        assertEquals(ExitCode.OK, dryRun(recipe("max_train: 300, ", "", "val 32", "val 290")).exit(), "ten examples make a short batch");
    }

    @Test
    void valuesTheRuntimeCannotCarryOutAreRefusedByCheck() throws IOException {
        Path spec = Files.writeString(dir.resolve("values.prune"), recipe());
        refused(Cli.run(dir, "check", spec.toString(), "--set", "data.batch=1e300"), "data.batch", "out of range");
        refused(Cli.run(dir, "check", spec.toString(), "--set", "export.runs=1e12"), "export.runs", "out of range");
        refused(Cli.run(dir, "check", spec.toString(), "--set", "data.val=999", "--set", "data.max_train=1000"), "no training step");
    }

    @Test
    void anImportOfAFileOutsideTheProjectNeverShowsItsContent() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "password = hunter2\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Path spec = Files.writeString(project.resolve("imports.prune"), recipe("import std.updp", "import std.updp\nimport \""
                + secret + "\" as x"));
        Cli.Result result = Cli.run(dir, "check", spec.toString());
        refused(result, "only .prune files can be imported");
        assertFalse(result.err().contains("hunter2"), result.err());
        Path outside = Files.writeString(dir.resolve("lib.prune"), "prune 1\n");
        Path escaping = Files.writeString(project.resolve("escape.prune"), recipe("import std.updp", "import std.updp\nimport \"../lib.prune\" as x"));
        refused(Cli.run(dir, "check", escaping.toString()), "outside the spec's folder", "--allow-import");
        assertEquals(ExitCode.OK, Cli.run(dir, "check", escaping.toString(), "--allow-import", dir.toString()).exit());
        assertTrue(Files.exists(outside));
    }
}
