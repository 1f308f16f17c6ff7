package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.onnx.OnnxExporter;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path a spec writes (data, weights, the model's file, the export) starts from the folder of the spec
 * file that wrote it, as imports do; absolute paths stay as they are; a path given with {@code --set} starts
 * from the working directory. Paths do not enter stage hashes: the files' contents do.
 */
class SpecRelativePathsTest {

    static String recipe(String data, String weights, String export) {
        return """
                prune 1
                import std.updp

                recipe paths {
                  model resnet18 {
                    input [3, 32, 32]
                    classes 10
                    weights onnx("%s")
                  }
                  data image_folder("%s") { batch 8 }
                  space { blocks "layer*.*"; prune 1; transform updp.block }
                  search exhaustive { score top1 on val }
                  train subnet { steps 10; progressive linear(until: 5 steps) }
                  merge updp.merge
                  export onnx("%s")
                }
                """.formatted(weights, data, export);
    }

    private static Plan plan(String file, String text, List<String> sets, ContentDigests digests) {
        Compilation compilation = Compiler.compile(new Source(file, text), sets);
        assertTrue(compilation.ok(), compilation::render);
        return Planner.plan(compilation.recipes().get(0), digests);
    }

    private static Map<String, String> hashes(Plan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.stages().forEach(s -> out.put(s.name(), s.hash()));
        return out;
    }

    @Test
    void relativePathsStartFromTheSpecsFolder() {
        Plan plan = plan("work/specs/paths.prune", recipe("data/cifar", "../models/r18.onnx", "./out/p.onnx"), List.of(),
                ContentDigests.inMemory());
        assertEquals(Path.of("work/specs/data/cifar").toString(), plan.data().source().path());
        assertEquals(new ModelPlan.WeightsSource.OnnxFile(Path.of("work/models/r18.onnx").toString()), plan.model().weights());
        assertEquals(Path.of("work/specs/out/p.onnx").toString(), plan.export().onnx());
        // The plan shows the resolved paths, and the files it lists are those.
        assertTrue(PlanJson.write(plan).contains("\"work/specs/data/cifar\""), PlanJson.write(plan));
        assertEquals(List.of("work/specs/data/cifar", "work/models/r18.onnx"), plan.files().stream().map(InputFile::path).toList());
    }

    @Test
    void aSpecInTheWorkingDirectoryAndAbsolutePathsAreReadAsWritten() {
        Plan plan = plan("paths.prune", recipe("data/cifar", "/srv/models/r18.onnx", "out/p.onnx"), List.of(), ContentDigests.inMemory());
        assertEquals("data/cifar", plan.data().source().path());
        assertEquals(new ModelPlan.WeightsSource.OnnxFile("/srv/models/r18.onnx"), plan.model().weights());
        assertEquals("out/p.onnx", plan.export().onnx());
    }

    @Test
    void aPathGivenWithSetStartsFromTheWorkingDirectory() {
        Plan plan = plan("work/specs/paths.prune", recipe("data/cifar", "m.onnx", "out/p.onnx"),
                List.of("data.path=\"other/data\"", "export=onnx(\"exports/p.onnx\")"), ContentDigests.inMemory());
        assertEquals("other/data", plan.data().source().path());
        assertEquals("exports/p.onnx", plan.export().onnx());
        // What the spec wrote and --set did not replace still starts from the spec's folder.
        assertEquals(new ModelPlan.WeightsSource.OnnxFile(Path.of("work/specs/m.onnx").toString()), plan.model().weights());
    }

    @Test
    void aPathInALetStartsFromTheFileThatWroteIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/common.prune"), "prune 1\nlet cifar = \"../datasets/cifar\"\n");
        String text = recipe("X", "m.onnx", "out/p.onnx").replace("import std.updp", "import std.updp\nimport \"lib/common.prune\" as common")
                .replace("image_folder(\"X\")", "image_folder(common.cifar)");
        Path spec = Files.writeString(dir.resolve("paths.prune"), text);
        Compilation compilation = Compiler.compile(spec, List.of());
        assertTrue(compilation.ok(), compilation::render);
        Plan plan = Planner.plan(compilation.recipes().get(0), ContentDigests.inMemory());
        // Imported files are named relative to the working directory when they lie below it, and so are their paths.
        assertEquals(dir.resolve("datasets/cifar").toAbsolutePath(), Path.of(plan.data().source().path()).toAbsolutePath());
    }

    /** The same files under two folders, the same spec in each: the same hashes. Other content: other hashes. */
    @Test
    void hashesFollowTheFilesContentNotTheirPaths(@TempDir Path dir) throws IOException {
        for (String copy : List.of("a", "b")) {
            Files.createDirectories(dir.resolve(copy + "/data/train/cat"));
            Files.writeString(dir.resolve(copy + "/data/train/cat/1.txt"), "same");
            Files.writeString(dir.resolve(copy + "/m.onnx"), "weights");
        }
        String text = recipe("data", "m.onnx", "out/p.onnx");
        Plan a = plan(dir.resolve("a/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        Plan b = plan(dir.resolve("b/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        assertNotEquals(a.data().source().path(), b.data().source().path());
        assertEquals(hashes(a), hashes(b));
        // Another export path is the same computation, published elsewhere.
        Plan elsewhere = plan(dir.resolve("a/paths.prune").toString(), recipe("data", "m.onnx", "exports/q.onnx"), List.of(),
                ContentDigests.inMemory());
        assertEquals(hashes(a), hashes(elsewhere));

        Files.writeString(dir.resolve("b/data/train/cat/1.txt"), "other");
        Plan changed = plan(dir.resolve("b/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        assertNotEquals(hashes(a).get("baseline"), hashes(changed).get("baseline"));
    }

    /** {@code model onnx("net.onnx")}: checking finds the file beside the spec; its content enters the stages using the model. */
    @Test
    void aModelReadFromAFileEntersByContent(@TempDir Path dir) throws IOException {
        Map<String, Object> widths = Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 8, 8, 8));
        for (String copy : List.of("a", "b", "c")) {
            Files.createDirectories(dir.resolve(copy));
            OnnxExporter.write(Zoo.build("resnet", widths, ImageShape.of(3, 32, 32), 10, BuildOptions.seeded(copy.equals("c") ? 2 : 1)),
                    dir.resolve(copy + "/net.onnx"));
        }
        String text = recipe("data", "m.onnx", "out/p.onnx").replace("model resnet18", "model onnx(\"net.onnx\")")
                .replace("weights onnx(\"m.onnx\")", "weights none").replace("  space", "  train baseline { steps 5 }\n  space");
        Plan a = plan(dir.resolve("a/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        Plan b = plan(dir.resolve("b/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        Plan c = plan(dir.resolve("c/paths.prune").toString(), text, List.of(), ContentDigests.inMemory());
        assertEquals(dir.resolve("a/net.onnx").toString(), a.model().architecture().args().get("path"));
        assertEquals(hashes(a), hashes(b));
        for (String stage : List.of("baseline", "search", "subnet")) {
            assertNotEquals(hashes(a).get(stage), hashes(c).get(stage), stage);
        }
        assertTrue(a.files().stream().anyMatch(f -> f.path().equals(dir.resolve("a/net.onnx").toString())
                && f.readBy().contains("baseline")), a.files()::toString);
    }

    /**
     * An experiment in one folder on a recipe imported from another: each cell exports beside the recipe's own
     * export (the recipe's file wrote that path), named after the cell, and reads the recipe's data.
     */
    @Test
    void anExperimentsCellsExportBesideTheRecipesExport(@TempDir Path dir) throws IOException {
        Path tiny = Path.of("src/test/resources/experiment/tiny.prune");
        String text = Files.readString(tiny);
        String recipe = text.substring(0, text.indexOf("experiment tiny_ablation"))
                .replace("fashion_mnist(\"examples/data/fashion-mnist\"", "fashion_mnist(\"data\"")
                .replace("export onnx(\"tiny.onnx\")", "export onnx(\"out/tiny.onnx\")");
        String experiment = "prune 1\nimport \"lib/tiny.prune\" as lib\n\n"
                + text.substring(text.indexOf("experiment tiny_ablation")).replace("on tiny {", "on lib.tiny {");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/tiny.prune"), recipe);
        Path file = Files.writeString(dir.resolve("ablation.prune"), experiment);
        Compilation compilation = Compiler.compile(file, List.of());
        assertTrue(compilation.ok(), compilation::render);
        ExperimentPlan plan = ExperimentPlanner.plan(compilation.experiments().get(0));
        Path lib = dir.resolve("lib").toAbsolutePath();
        for (ExperimentPlan.CellPlan cell : plan.cells()) {
            if (cell.plan().stage("export").isEmpty()) {
                continue;
            }
            Path export = Path.of(cell.plan().export().onnx());
            assertEquals(lib.resolve("out"), export.getParent(), cell.label());
            assertTrue(export.getFileName().toString().matches("tiny\\.(updp|direct|random\\.draw\\d)\\.seed\\d\\.onnx"), export.toString());
            assertEquals(lib.resolve("data"), Path.of(cell.plan().data().source().path()).toAbsolutePath(), cell.label());
        }
        assertEquals(lib.resolve("out/tiny.direct.seed2.onnx").toString(), plan.cells().stream()
                .filter(c -> c.label().equals("direct/seed 2")).findFirst().orElseThrow().plan().export().onnx());
    }
}
