package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code prune inspect} on the four reference architectures at ImageNet size, against the published figures. */
class InspectCommandTest {

    private static String[] run(String... args) {
        Cli.Result result = Cli.run(Path.of("."), args);
        return new String[] {Integer.toString(result.exit()), result.out(), result.err()};
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        assertTrue(m.find(), key + " missing in " + json);
        return Long.parseLong(m.group(1));
    }

    /** Parameters as torchvision (resnet34, mobilenet_v2, convnext_tiny) and timm (deit_tiny_patch16_224) count them; published GMACs. */
    @ParameterizedTest
    @CsvSource({
        "resnet34, 21797672, 3.6, 16, 16",
        "mobilenet_v2, 3504872, 0.30, 17, 10",
        "convnext_tiny, 28589128, 4.5, 18, 18",
        "deit_tiny, 5717416, 1.3, 24, 24"})
    void referenceModelsMatchPublishedFigures(String model, long params, double gmacs, int blocks, int residual) {
        String[] result = run("inspect", model, "--json");
        assertEquals("0", result[0], result[2]);
        String json = result[1];
        assertEquals(params, number(json, "params"));
        double measured = number(json, "macs") / 1e9;
        assertTrue(Math.abs(measured - gmacs) / gmacs <= 0.05, model + ": " + measured + " GMACs against " + gmacs);
        assertEquals(blocks, number(json, "blocks_total"));
        assertEquals(residual, number(json, "blocks_residual"));
    }

    @Test
    void aZooCallWithArgumentsAndASmallInput() {
        String[] result = run("inspect", "convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128])", "--input", "1,28,28", "--classes", "10");
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("6 blocks (6 residual, 6 prunable)"), result[1]);
        assertTrue(result[1].contains("features.5.2"), result[1]);
    }

    /** MobileNetV2's first block (no expansion) would keep both its layers once merged: marked, in text and JSON. */
    @Test
    void aBlockWhoseMergeWouldNotPayIsMarked() {
        String model = "mobilenet_v2(width_mult: 0.25)";
        String[] text = run("inspect", model, "--input", "1,28,28", "--classes", "10");
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("1 left out: their merge would not pay"), text[1]);
        String first = text[1].lines().filter(l -> l.startsWith("features.1 ")).findFirst().orElseThrow();
        assertTrue(first.contains("2 → 2 layers") && first.contains("left out: merged, it keeps 2 of 2 layers"), first);
        String third = text[1].lines().filter(l -> l.startsWith("features.3 ")).findFirst().orElseThrow();
        assertTrue(third.contains("3 → 1 layers") && third.endsWith("yes"), third);

        String[] json = run("inspect", model, "--input", "1,28,28", "--classes", "10", "--json");
        assertEquals("0", json[0], json[2]);
        assertEquals(1, number(json[1], "blocks_left_out"));
        Matcher block = Pattern.compile("\"name\": \"features.1\",[^}]*\"left_out\": true").matcher(json[1]);
        assertTrue(block.find(), json[1]);
    }

    @Test
    void mistakesAreExplained() {
        String[] unknown = run("inspect", "resnet43");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("did you mean 'resnet34'?"), unknown[2]);
        String[] badArgument = run("inspect", "convnext(dim: [8])");
        assertEquals("2", badArgument[0]);
        assertTrue(badArgument[2].contains("did you mean 'dims'?"), badArgument[2]);
        String[] badInput = run("inspect", "resnet18", "--input", "3x224x224");
        assertEquals("2", badInput[0]);
        assertTrue(badInput[2].contains("--input takes C,H,W"), badInput[2]);
    }
}
