package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny experiment run end to end with {@code prune run}: 2 variants by 2 seeds, a cost-matched random draw
 * and the control, on a tiny ConvNeXt and the shipped Fashion-MNIST subset. Stages the cells share run once;
 * a second run trains nothing.
 */
class ExperimentRunTest {

    @TempDir
    Path dir;

    /** TinyRecipes' ConvNeXt, smaller still: 6 training batches an epoch, one timed run of the export. */
    static String recipe(Path onnx) {
        return """
            prune 1
            import std.updp

            recipe tiny_convnext {
              seed 3
              model convnext(depths: [1, 1, 2, 1], dims: [8, 16, 32, 64]) {
                input [1, 28, 28]
                classes 10
              }
              data fashion_mnist("%s", max_train: 448, max_test: 128) {
                batch 64
                val 64
              }
              train baseline { epochs 1 }
              space {
                blocks "features.5.*"
                prune 1
                transform updp.block
              }
              train supernet { epochs 1 }
              search exhaustive { recalibrate 2 batches }
              train subnet {
                epochs 1
                progressive linear(until: 0.5 epochs)
              }
              merge updp.merge
              export onnx("%s") {
                bench batch [1]
                runs 1
              }
            }
            """.formatted(TinyRecipes.DATA, onnx);
    }

    private static final String EXPERIMENT = """

            experiment ablation on tiny_convnext {
              seeds 1, 2
              variant updp {}
              variant direct { train.subnet.progressive = immediate }
              variant random {
                search = random
                search.population = 1
                draws 1
                macs within 50% of updp
              }
              control longer
              compare updp - direct on test top1 paired
              compare updp - random on test top1 paired
              compare updp - longer on test top1 paired
            }
            """;

    private String run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "exp.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);
        return log;
    }

    /** Stage folders that hold a computation (links to another cell's folder excluded), by stage name. */
    private long computed(Path root, String stage) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve("cells"), 3)) {
            return walk.filter(p -> p.getFileName().toString().startsWith(stage + "-") && !Files.isSymbolicLink(p)
                    && Files.exists(p.resolve("done.json"))).count();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTinyGridRunsEndToEndAndASecondRunTrainsNothing() throws Exception {
        Files.writeString(dir.resolve("exp.prune"), recipe(dir.resolve("tiny.onnx")) + EXPERIMENT);
        String first = run();
        Path root = dir.resolve("runs").resolve("ablation");
        assertEquals(1, computed(root, "baseline"), first);
        assertEquals(1, computed(root, "supernet"), first);
        assertEquals(2, computed(root, "search"), "updp's search, shared by direct, and the random draw's: " + first);
        assertEquals(6, computed(root, "subnet"), first);
        assertEquals(2, computed(root, "longer"), first);

        Map<String, Object> results = JsonReader.parseObject(Files.readString(root.resolve("experiment.json")));
        List<Object> cells = (List<Object>) results.get("cells");
        assertEquals(8, cells.size());
        List<Object> comparisons = (List<Object>) results.get("comparisons");
        assertEquals(3, comparisons.size());
        for (Object c : comparisons) {
            Map<String, Object> comparison = (Map<String, Object>) c;
            List<Object> perSeed = (List<Object>) comparison.get("per_seed");
            assertEquals(2, perSeed.size());
            List<Object> interval = (List<Object>) comparison.get("ci95_points");
            double mean = ((Number) comparison.get("mean_difference_points")).doubleValue();
            assertTrue(((Number) interval.get(0)).doubleValue() <= mean && mean <= ((Number) interval.get(1)).doubleValue());
            double p = ((Number) comparison.get("wilcoxon_p")).doubleValue();
            assertTrue(p > 0 && p <= 1);
            for (Object s : perSeed) {
                Map<String, Object> mcnemar = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) s).get("mcnemar")).get(0);
                assertEquals(128, ((Number) mcnemar.get("examples")).intValue(), "the whole test split, per example");
            }
        }
        String md = Files.readString(root.resolve("experiment.md"));
        assertTrue(md.contains("updp - direct on test top1") && md.contains("Wilcoxon"), md);
        for (String variant : List.of("updp", "direct", "random", "longer")) {
            assertTrue(Files.size(root.resolve("plots").resolve(variant + ".png")) > 0, variant);
        }

        // The subnet starts from the baseline (init's default), and the two seeds train it on different data orders.
        Path updp1 = root.resolve("cells/updp-seed1/tiny_convnext");
        Path updp2 = root.resolve("cells/updp-seed2/tiny_convnext");
        Path subnet1 = onlyFolder(updp1, "subnet-");
        Path subnet2 = onlyFolder(updp2, "subnet-");
        assertEquals("baseline", JsonReader.parseObject(Files.readString(subnet1.resolve("done.json"))).get("init"));
        assertNotEquals(Files.readString(subnet1.resolve("metrics.jsonl")).lines().filter(l -> l.contains("\"loss\"")).findFirst(),
                Files.readString(subnet2.resolve("metrics.jsonl")).lines().filter(l -> l.contains("\"loss\"")).findFirst());
        Map<String, Object> search = JsonReader.parseObject(Files.readString(onlyFolder(updp1, "search-").resolve("done.json")));
        assertEquals(64, ((Number) search.get("val_examples")).intValue());
        assertTrue(first.contains("BatchNorm recalibrated on 2 batches"), first);
        assertTrue(Files.exists(dir.resolve("tiny.updp.seed1.onnx")) && Files.exists(dir.resolve("tiny.direct.seed2.onnx")),
                "each cell exports its own model");

        String second = run();
        assertTrue(second.contains(" 0 stages run, "), second);
        Map<String, Object> again = JsonReader.parseObject(Files.readString(root.resolve("experiment.json")));
        assertEquals(results.get("comparisons"), again.get("comparisons"), "the same figures from the same stages");
    }

    private static Path onlyFolder(Path root, String prefix) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            List<Path> found = list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }
}
