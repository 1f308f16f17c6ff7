package dev.prune.run;

import java.nio.file.Path;

/** Recipes small enough to run end to end in seconds, one per reference architecture, on the shipped data. */
final class TinyRecipes {

    private TinyRecipes() {
    }

    static final Path DATA = Path.of("../examples/data/fashion-mnist").toAbsolutePath().normalize();

    static String model(String architecture) {
        return switch (architecture) {
            case "resnet" -> "resnet(depths: [2, 1, 1, 1], widths: [8, 16, 16, 32])";
            case "mobilenet_v2" -> "mobilenet_v2(width_mult: 0.25)";
            case "convnext" -> "convnext(depths: [1, 1, 2, 1], dims: [8, 16, 32, 64])";
            case "deit" -> "deit(depth: 2, dim: 32, heads: 2, patch: 7)";
            default -> throw new IllegalArgumentException(architecture);
        };
    }

    static String blocks(String architecture) {
        return switch (architecture) {
            case "resnet" -> "\"layer1.*\"";
            case "mobilenet_v2" -> "\"features.*\"";
            case "convnext" -> "\"features.5.*\"";
            case "deit" -> "\"blocks.*.mlp\"";
            default -> throw new IllegalArgumentException(architecture);
        };
    }

    /** One epoch per stage on 640 training images; the ONNX file goes to {@code onnx}. */
    static String recipe(String architecture, Path onnx, int baselineEpochs) {
        return """
                prune 1
                import std.updp

                recipe tiny_%1$s {
                  seed 3
                  model %2$s {
                    input [1, 28, 28]
                    classes 10
                  }
                  data fashion_mnist("%3$s", max_train: 768, max_test: 256) {
                    batch 64
                    val 128
                  }
                  train baseline {
                    epochs %6$d
                    optimizer adamw(lr: 2e-3)
                  }
                  space {
                    blocks %4$s
                    prune 1
                    transform updp.block
                  }
                  train supernet {
                    epochs 1
                  }
                  search exhaustive {
                    score top1 on val
                  }
                  train subnet {
                    epochs 1
                    progressive linear(until: 0.5 epochs)
                  }
                  merge updp.merge
                  export onnx("%5$s") {
                    verify atol 1e-4
                    bench batch [1, 4]
                    runs 3
                  }
                }
                """.formatted(architecture, model(architecture), DATA, blocks(architecture), onnx, baselineEpochs);
    }
}
