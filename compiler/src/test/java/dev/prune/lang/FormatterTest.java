package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FormatterTest {

    /** The working directory of the tests is the module, {@code compiler/}. */
    private static final Path GOLDEN = Path.of("src/test/resources/format");

    private static ParsedFile parse(String name, String text) {
        ParsedFile parsed = SpecParser.parse(new Source(name, text));
        assertTrue(parsed.ok(), () -> name + ": " + parsed.diagnostics());
        return parsed;
    }

    private static String format(String text) {
        return Formatter.format(parse("t.prune", text));
    }

    /** The properties every formatted file has: same AST, same comments, and a fixed point. */
    private static String assertFormatsSoundly(String name, String text) {
        ParsedFile before = parse(name, text);
        String formatted = Formatter.format(before);
        ParsedFile after = parse(name + " (formatted)", formatted);
        assertEquals(before.ast(), after.ast(), () -> name + " reads differently once formatted:\n" + formatted);
        assertEquals(sortedTexts(before.comments()), sortedTexts(after.comments()), () -> name + " lost or gained comments:\n" + formatted);
        assertEquals(formatted, Formatter.format(after), () -> name + " is not a fixed point");
        return formatted;
    }

    private static List<String> sortedTexts(List<Comment> comments) {
        return comments.stream().map(Comment::text).sorted().toList();
    }

    // ------------------------------------------------------------ properties over the repository's files

    @TestFactory
    Stream<DynamicTest> examplesAndStandardLibraryFormatSoundly() throws IOException {
        List<Path> files;
        try (Stream<Path> examples = Files.walk(Path.of("../examples")); Stream<Path> stdlib = Files.walk(Path.of("../stdlib"))) {
            files = Stream.concat(examples, stdlib).filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .prune files found; is the working directory compiler/?");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(),
                () -> assertFormatsSoundly(file.toString(), Files.readString(file))));
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            inputs = files.filter(p -> p.toString().endsWith(".in.prune")).sorted().toList();
        }
        assertTrue(inputs.size() >= 8, "expected at least 8 golden pairs, found " + inputs.size());
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String name = input.getFileName().toString().replace(".in.prune", "");
            String expected = Files.readString(input.resolveSibling(name + ".out.prune"));
            assertEquals(expected, assertFormatsSoundly(name, Files.readString(input)));
        }));
    }
}
