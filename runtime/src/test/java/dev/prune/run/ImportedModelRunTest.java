package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import dev.prune.report.JsonReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bring your own model: a model trained in PyTorch and exported by {@code torch.onnx.export} (the committed
 * fixtures), pruned by a tiny {@code prune run} whose weights come from the file, verification chain included.
 */
class ImportedModelRunTest {

    private static final Path FIXTURES = Path.of("../compiler/src/test/resources/onnx").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "resnet_op17_folded.onnx; resnet(depths: [2, 2, 2, 2], widths: [8, 16, 24, 32]); \"layer1.1\", \"layer2.1\"",
        "mobilenet_v2_op13_folded.onnx; mobilenet_v2(width_mult: 0.25); \"features.*\"",
        "convnext_op17_folded.onnx; convnext(depths: [1, 1, 2, 1], dims: [8, 16, 24, 32]); \"features.5.*\"",
        "deit_op13.onnx; deit(depth: 2, dim: 32, heads: 2, patch: 8); \"blocks.*.mlp\""})
    void aTorchExportIsPrunedEndToEnd(String fixture, String model, String blocks) throws Exception {
        Path images = imageFolder(dir.resolve("images"));
        Path onnx = dir.resolve("pruned.onnx");
        Files.writeString(dir.resolve("byom.prune"), """
                prune 1
                import std.updp

                recipe byom {
                  seed 1
                  model %s {
                    input [3, 32, 32]
                    classes 10
                    weights onnx("%s")
                  }
                  data image_folder("%s") {
                    batch 32
                    val 20%%
                  }
                  space {
                    blocks %s
                    prune 1
                    transform updp.block
                  }
                  search exhaustive
                  train subnet {
                    epochs 1
                    progressive linear(until: 0.5 epochs)
                  }
                  merge updp.merge
                  export onnx("%s") {
                    bench batch [1]
                    runs 3
                  }
                }
                """.formatted(model, FIXTURES.resolve(fixture), images, blocks, onnx));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main().run(new String[] {"run", "byom.prune", "--out", "runs"},
                new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), dir));
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, log);
        assertTrue(log.contains("reading the trained weights"), log);
        Map<String, Object> summary = JsonReader.parseObject(Files.readString(dir.resolve("runs/byom/summary.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> verify = (Map<String, Object>) summary.get("verify");
        assertEquals(Boolean.TRUE, verify.get("passed"), log);
        OnnxCheck.assertValid(onnx);
    }

    /** Ten classes of 32x32 colour images, each class its own hue with noise: learnable, and small. */
    static Path imageFolder(Path root) throws IOException {
        Random random = new Random(5);
        for (String split : new String[] {"train", "val"}) {
            int perClass = split.equals("train") ? 12 : 4;
            for (int c = 0; c < 10; c++) {
                Path folder = root.resolve(split).resolve("class" + c);
                Files.createDirectories(folder);
                for (int i = 0; i < perClass; i++) {
                    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            int r = clamp(25 * c + random.nextInt(40));
                            int g = clamp(250 - 25 * c + random.nextInt(40));
                            int b = clamp((x + y) * 4 + random.nextInt(20));
                            image.setRGB(x, y, (r << 16) | (g << 8) | b);
                        }
                    }
                    ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
