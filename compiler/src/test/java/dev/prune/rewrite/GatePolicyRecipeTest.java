package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three gate directives, as a recipe declares them, take effect where a user sees it: in the space of an
 * imported model whose only prunable block is gated ({@link GatedBlockMergeTest}'s MBConv). {@code remove
 * gates progressively} makes it a candidate (it merges into one conv); {@code keep gates} leaves the block
 * non-linear, so its merge would not pay and the space is empty; {@code refuse gates}, and a transform that
 * says nothing about gates, refuse it with the reason.
 */
class GatePolicyRecipeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "remove gates progressively; ",
        "keep gates; not linear after the transform",
        "refuse gates; refuses gates",
        "; refuses gates"})
    void theGateDirectiveDecidesWhetherTheGatedBlockIsACandidate(String directive, String leftOutBecause) {
        Path model = dir.resolve("mbconv.onnx");
        OnnxExporter.write(GatedBlockMergeTest.mbConv(6, 3, 3, true), model);
        String text = """
                prune 1
                import std.updp

                transform mine {
                  replace silu -> identity progressively
                  append batchnorm, activation progressively
                  %s
                }

                recipe gated {
                  model onnx("%s") { input [1, 6, 6]; classes 10; weights onnx("%s") }
                  data fashion_mnist("d") { batch 8; preprocess resize(6) }
                  space { blocks "block"; prune 1; transform mine }
                  search exhaustive { }
                  train subnet { epochs 1; progressive linear(until: 1 epochs) }
                  merge updp.merge
                  export onnx("o.onnx")
                }
                """.formatted(directive == null ? "" : directive, model, model);
        Compilation c = Compiler.compile(new Source("gated.prune", text), List.of());
        String rendered = c.render();
        if (leftOutBecause == null) {
            assertTrue(c.ok(), rendered);
            assertFalse(rendered.contains("merge-does-not-pay"), rendered);
        } else {
            assertFalse(c.ok(), "the space must be empty: " + rendered);
            assertTrue(rendered.contains("the space has no block whose merge pays"), rendered);
            assertTrue(rendered.contains(leftOutBecause), rendered);
        }
    }
}
