package dev.prune.bench;

import dev.prune.BenchSize;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How compile time grows with the size of a spec: generates specs of 1,000 to 5,000 lines, checks and
 * plans each several times, and prints the median time per 1,000 lines. Linear growth shows as a flat
 * column; the last line gives the ratio of the largest size's cost per line to the smallest's.
 *
 * <p>A benchmark: every build runs it at smoke size (two small sizes, two repeats, no verdict on growth; the
 * generated specs must still compile and plan). Measure with {@code mvn -B -q test -pl compiler -am
 * -Dtest=CompileBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dprune.bench.size=full}.
 */
@Tag("benchmark")
class CompileBenchmark {

    private static final boolean FULL = BenchSize.current() == BenchSize.FULL;
    private static final int REPEATS = FULL ? 7 : 2;

    @Test
    void compileTimeGrowsLinearly() {
        int[] sizes = FULL ? new int[] {1000, 2000, 3000, 4000, 5000} : new int[] {200, 400};
        // Warm the JIT on the largest spec so that the first size measured is not also the coldest.
        String warmup = generate(sizes[sizes.length - 1]);
        for (int i = 0; i < (FULL ? 30 : 1); i++) {
            compile(warmup);
        }
        System.out.printf("%8s %10s %14s%n", "lines", "median ms", "ms per 1k lines");
        double first = 0;
        double last = 0;
        for (int size : sizes) {
            String text = generate(size);
            int lines = text.split("\n", -1).length;
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                long start = System.nanoTime();
                compile(text);
                times.add(System.nanoTime() - start);
            }
            times.sort(null);
            double medianMs = times.get(REPEATS / 2) / 1e6;
            double perThousand = medianMs * 1000 / lines;
            System.out.printf("%8d %10.1f %14.2f%n", lines, medianMs, perThousand);
            first = first == 0 ? perThousand : first;
            last = perThousand;
        }
        double ratio = last / first;
        System.out.printf("cost per line at %,d lines / at %,d lines: %.2f (1.00 is linear)%n", sizes[sizes.length - 1], sizes[0], ratio);
        if (FULL && ratio > 2) {
            throw new AssertionError("compile time grows faster than linearly: ratio " + ratio);
        }
    }

    private static void compile(String text) {
        Compilation compilation = Compiler.compile(new Source("generated.prune", text), List.of());
        if (!compilation.ok()) {
            throw new IllegalStateException("the generated spec has errors:\n" + compilation.render());
        }
        compilation.recipes().forEach(Planner::plan);
    }

    /** A spec of about {@code lines} lines: shared constants, then recipes that differ in their numbers. */
    static String generate(int lines) {
        StringBuilder out = new StringBuilder("prune 1\nimport std.updp\n\nlet base_lr = 2e-3\nlet warm = 0.5 epochs\n");
        int recipe = 0;
        while (out.chars().filter(c -> c == '\n').count() < lines - 50) {
            out.append(recipe(recipe++));
        }
        while (out.chars().filter(c -> c == '\n').count() < lines - 1) {
            out.append("// padding\n");
        }
        return out.toString();
    }

    private static String recipe(int i) {
        return """

                // recipe %1$d: a ConvNeXt sweep point
                recipe sweep_%1$d {
                  seed %1$d
                  let lr = base_lr * %2$d / 4
                  model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) {
                    input [1, 28, 28]
                    classes 10
                    weights none
                  }
                  data fashion_mnist("examples/data/fashion-mnist") {
                    batch %3$d
                    val 1000 from train
                    augment random_crop(28, padding: 2), hflip
                  }
                  train baseline {
                    epochs 2
                    optimizer adamw(lr: lr, weight_decay: 0.05)
                    schedule cosine(warmup: warm)
                  }
                  space {
                    blocks "features.*.*" except "features.*.0"
                    prune 1..%4$d where macs <= 0.9 x baseline
                    transform updp.block
                  }
                  train supernet {
                    epochs 1
                    sample uniform(p: 0.5)
                  }
                  search evolution {
                    population 8
                    generations 3
                    score top1 on val
                  }
                  train subnet {
                    epochs 2
                    progressive linear(until: 1 epochs)
                  }
                  merge updp.merge
                  export onnx("out/sweep_%1$d.onnx") {
                    verify atol 1e-4
                    bench batch [1, 32]
                  }
                }
                """.formatted(i, 1 + i % 8, 32 * (1 + i % 4), 1 + i % 2);
    }
}
