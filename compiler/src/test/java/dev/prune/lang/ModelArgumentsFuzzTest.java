package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Architecture arguments are checked against the model the zoo builds from them: whatever numbers the
 * catalogue's types let through, {@code check} reports a diagnostic or accepts, and never throws (an
 * {@code IrException} from building the model once escaped as an internal error).
 */
class ModelArgumentsFuzzTest {

    private static final String RECIPE = String.join("\n",
            "prune 1",
            "import std.updp",
            "recipe fuzz {",
            "  model MODEL {",
            "    input INPUT",
            "    classes 10",
            "    weights none",
            "  }",
            "  data image_folder(\"data\") { batch 4 }",
            "  train baseline { steps 1 }",
            "  space {",
            "    blocks \"*\"",
            "    prune 1",
            "    transform updp.block",
            "  }",
            "  search random { population 1 }",
            "  train subnet {",
            "    steps 1",
            "    progressive linear(until: 1 steps)",
            "  }",
            "  merge updp.merge",
            "  export onnx(\"out/fuzz.onnx\")",
            "}",
            "");

    private static final int CASES = 160;
    private static final int[] EDGES = {1, 2, 3, 7, 8, 16, 33, 64, 256};

    @Test
    void noArchitectureArgumentCrashesTheChecker() {
        Random random = new Random(20261129L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String model = switch (i % 4) {
                case 0 -> "resnet(depths: " + list(random, 4, 1, 4) + ", widths: " + list(random, 4, 1, 64) + ")";
                case 1 -> "mobilenet_v2(width_mult: " + (random.nextInt(40) + 1) / 8.0 + ")";
                case 2 -> "convnext(depths: " + list(random, 4, 1, 3) + ", dims: " + list(random, 4, 1, 64)
                        + (random.nextBoolean() ? ", stem: " + pick(random) : "") + ")";
                default -> "deit(depth: " + (random.nextInt(3) + 1) + ", dim: " + pick(random) + ", heads: " + pick(random)
                        + ", patch: " + pick(random) + ", mlp_ratio: " + (random.nextInt(16) + 1) / 4.0 + ")";
            };
            String input = "[" + (random.nextInt(3) + 1) + ", " + pick(random) + ", " + pick(random) + "]";
            String text = RECIPE.replace("MODEL", model).replace("INPUT", input);
            try {
                Compilation compilation = Compiler.compile(new Source("fuzz.prune", text), List.of());
                if (!compilation.ok()) {
                    assertTrue(compilation.render().contains("error"), model + " " + input + ": refused without a diagnostic");
                }
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(model + " input " + input + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + CASES + " models crashed the checker, e.g.\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    private static int pick(Random random) {
        return EDGES[random.nextInt(EDGES.length)];
    }

    private static String list(Random random, int length, int min, int max) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            items.add(Integer.toString(min + random.nextInt(max - min + 1)));
        }
        return "[" + String.join(", ", items) + "]";
    }
}
