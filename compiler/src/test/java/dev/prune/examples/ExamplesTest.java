package dev.prune.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every recipe shipped under examples/ checks without a single diagnostic, warnings included. */
class ExamplesTest {

    /** Tests run in the compiler module; the examples sit beside it. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> recipes() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".prune")).sorted().toList();
        }
    }

    @Test
    void theExamplesAreFound() throws IOException {
        assertFalse(recipes().isEmpty(), "no .prune file under " + EXAMPLES.toAbsolutePath());
        assertTrue(recipes().stream().anyMatch(p -> p.endsWith("convnext_tiny_imagenet_p6.prune")));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() throws IOException {
        return recipes().stream().map(file -> DynamicTest.dynamicTest(EXAMPLES.relativize(file).toString(), () -> {
            Compilation compilation = Compiler.compile(file, List.of());
            assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
            assertFalse(compilation.recipes().isEmpty(), file + " declares no recipe");
        }));
    }
}
