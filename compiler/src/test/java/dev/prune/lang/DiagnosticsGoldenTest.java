package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker's messages as people read them. Each case is a pair in {@code src/test/resources/diagnostics}:
 * {@code NAME.prune}, the input, and {@code NAME.expected}, the exact text of {@link Compilation#render()}.
 * Lines at the top of an input of the form {@code // set: path=value} are given to the compiler as
 * {@code --set path=value}. Files that cases import by path live in the {@code lib} folder beside them.
 *
 * <p>Inputs are named by their path relative to the compiler module (Maven runs tests there), so that
 * imports by path resolve and the rendered headers are the same on every machine.
 *
 * <p>Run with {@code -Dprune.updateGoldens=true} to rewrite every {@code .expected} file from the current
 * output; review the change with {@code git diff} before committing it.
 */
class DiagnosticsGoldenTest {

    private static final Path DIR = Path.of("src", "test", "resources", "diagnostics");
    private static final String SET_PREFIX = "// set: ";
    /** Cases named {@code warning_*} compile (exit 0) and render only warnings; every other case has an error. */
    private static final String WARNING_PREFIX = "warning_";
    private static final boolean UPDATE = Boolean.getBoolean("prune.updateGoldens");

    @TestFactory
    Stream<DynamicTest> everyCaseRendersAsExpected() {
        return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    /** An input without an expected output (or the reverse) is a case half written, not a passing one. */
    @Test
    void everyInputHasItsExpectedOutput() throws IOException {
        Set<String> inputs = new TreeSet<>(cases());
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".expected"))
                    .forEach(f -> expected.add(f.substring(0, f.length() - ".expected".length())));
        }
        if (!UPDATE) {
            assertEquals(inputs, expected, "each NAME.prune in " + DIR + " needs a NAME.expected, and each .expected its input");
        }
        assertTrue(inputs.size() >= 35, "the suite should cover at least 35 diagnostics, found " + inputs.size());
    }

    private static void check(String name) throws IOException {
        Path input = DIR.resolve(name + ".prune");
        String text = Files.readString(input, StandardCharsets.UTF_8);
        Compilation compilation = Compiler.compile(new Source(slashes(input), text), setsOf(text));
        String actual = compilation.render();
        if (name.startsWith(WARNING_PREFIX)) {
            assertTrue(compilation.ok() && !compilation.diagnostics().isEmpty(), name + ": a warning case compiles, with warnings");
        } else {
            assertFalse(compilation.ok(), name + ": every other case is about an error, but the input compiles");
        }
        Path expectedFile = DIR.resolve(name + ".expected");
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(name + ": rendered diagnostics differ from " + expectedFile + " (- expected, + actual; "
                    + "-Dprune.updateGoldens=true rewrites it)\n" + diff(expected, actual));
        }
    }

    private static List<String> cases() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".prune"))
                    .map(f -> f.substring(0, f.length() - ".prune".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code --set} values of a case: one per leading {@code // set: path=value} line. */
    static List<String> setsOf(String text) {
        List<String> sets = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith(SET_PREFIX)) {
                break;
            }
            sets.add(line.substring(SET_PREFIX.length()).strip());
        }
        return sets;
    }

    /** Forward slashes, so that headers read the same on Windows. */
    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    /** A line diff by longest common subsequence: enough for files of a few dozen lines. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.append("  ").append(a[i++]).append('\n');
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                out.append("- ").append(a[i++]).append('\n');
            } else {
                out.append("+ ").append(b[j++]).append('\n');
            }
        }
        return out.toString();
    }
}
