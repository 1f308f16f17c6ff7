package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.prune.grammar.PruneLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.Vocabulary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random damage to every example and standard module, each result run through the whole front end.
 * So is {@code src/test/resources/fuzz/everything.prune}, a valid recipe that reaches corners of the checker
 * the examples leave alone (constants, arithmetic, local transforms and rules, imports by path), and, fewer
 * times each, the inputs of {@link DiagnosticsGoldenTest}.
 * Whatever the text, the compiler must not throw, must not drop a recipe without saying why, must place every
 * diagnostic inside one of the files it read, and must render. The seed is fixed: a failure here fails the
 * same way on every run, and prints the text that caused it.
 */
class FuzzTest {

    private static final long SEED = 0x5eed_d1a6L;
    private static final int MUTANTS_PER_EXAMPLE = 1200;
    private static final int MUTANTS_PER_GOLDEN_INPUT = 30;
    private static final Path GOLDEN_INPUTS = Path.of("src", "test", "resources", "diagnostics");

    /** Tokens of the language, so that insertions read like near misses rather than noise. */
    private static final List<String> INSERTIONS = insertions();

    /** A rough lexer of our own: comments and strings (closed or not), numbers, names, two-character operators, any other character. */
    /** everything.prune imports a library of the diagnostics cases, outside its own folder: allowed explicitly. */
    private static final List<Path> ALLOWED = List.of(Path.of("src", "test", "resources", "diagnostics", "lib"));
    private static final Pattern TOKEN = Pattern.compile(
            "//[^\\n]*|/\\*(?s:.*?)(?:\\*/|\\z)|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?"
                    + "|[A-Za-z_][A-Za-z_0-9]*|\\.\\.|->|<=|>=|==|\\S");

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    Stream<DynamicTest> mutantsOfExamplesNeverCrashAndAlwaysPointInsideTheirFile() {
        return examples().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String name = file.toString().replace('\\', '/');
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(Compiler.compile(new Source(name, text), List.of(), ALLOWED).ok(), name + " should compile before it is damaged");
            fuzz(name, text, MUTANTS_PER_EXAMPLE);
        }));
    }

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    Stream<DynamicTest> mutantsOfGoldenInputsNeverCrashAndAlwaysPointInsideTheirFile() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN_INPUTS)) {
            inputs = files.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
        return inputs.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> fuzz(file.toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8), MUTANTS_PER_GOLDEN_INPUT)));
    }

    /** Every example (in subfolders too), every standard module, and our own valid recipe. */
    private static List<Path> examples() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.walk(Path.of("..", "examples"));
                Stream<Path> std = Files.list(Path.of("..", "stdlib", "std"))) {
            Stream.concat(examples, std).filter(p -> p.toString().endsWith(".prune")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() >= 2, "the fuzz corpus should hold the examples and the standard library, found " + files);
        files.add(Path.of("src", "test", "resources", "fuzz", "everything.prune"));
        return files;
    }

    private static void fuzz(String name, String original, int mutants) {
        List<Token> tokens = tokenize(original);
        Random random = new Random(SEED ^ name.hashCode());
        for (int i = 0; i < mutants; i++) {
            String mutant = mutate(original, tokens, random);
            check(new Source(name, mutant), "mutant " + i + " of " + name);
        }
    }

    // ------------------------------------------------------------------ the properties

    private static void check(Source source, String what) {
        Compilation compilation;
        String rendered;
        try {
            compilation = Compiler.compile(source, List.of(), ALLOWED);
            rendered = compilation.render();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + " crashed the compiler with " + e + "; its text:\n" + source.text(), e);
        }
        if (compilation.ok()) {
            // Accepted: every recipe the text declares must come out checked.
            int declared = SpecParser.parse(source).ast().map(f -> f.recipes().size()).orElse(-1);
            if (compilation.recipes().size() != declared) {
                fail(what + " gave " + compilation.recipes().size() + " recipes of " + declared + " with no error; its text:\n" + source.text());
            }
        }
        for (Diagnostic diagnostic : compilation.diagnostics()) {
            Span span = diagnostic.span();
            Source file = compilation.sources().get(span.file());
            String where = what + ": " + diagnostic.headline() + "\n" + rendered + "its text:\n" + source.text();
            if (file == null) {
                fail("a diagnostic names a file the compilation did not read, " + where);
            }
            List<String> lines = file.lines();
            assertTrue(span.line() >= 1 && span.line() <= lines.size(), () -> "line outside the file, " + where);
            int length = lines.get(span.line() - 1).length();
            assertTrue(span.column() >= 1 && span.column() <= length + 1, () -> "column outside its line, " + where);
            assertTrue(span.endLine() <= lines.size(), () -> "the span ends past the file, " + where);
            assertFalse(diagnostic.message().isBlank(), () -> "an empty message, " + where);
            assertTrue(rendered.contains(diagnostic.headline()), () -> "render() leaves out a diagnostic, " + where);
        }
    }

    // ------------------------------------------------------------------ mutations

    /** A token and the text (spaces, newlines) that comes before it. */
    record Token(String before, String text) {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (m.find()) {
            tokens.add(new Token(text.substring(end, m.start()), m.group()));
            end = m.end();
        }
        tokens.add(new Token(text.substring(end), ""));
        return tokens;
    }

    private static String join(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        tokens.forEach(t -> out.append(t.before()).append(t.text()));
        return out.toString();
    }

    /**
     * A truncation, or one to three edits: deleting, duplicating or swapping tokens, inserting a token of the
     * language, or putting one in another's place (which often still parses, and so reaches the checker).
     */
    private static String mutate(String original, List<Token> tokens, Random random) {
        if (random.nextInt(10) == 0) {
            return original.substring(0, random.nextInt(original.length()));
        }
        List<Token> out = new ArrayList<>(tokens);
        int edits = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(2);
        for (int e = 0; e < edits && out.size() > 1; e++) {
            // The last token is the text after the last real one: it stays last.
            int i = random.nextInt(out.size() - 1);
            String inserted = INSERTIONS.get(random.nextInt(INSERTIONS.size()));
            switch (random.nextInt(5)) {
                case 0 -> out.remove(i);
                case 1 -> out.add(i, out.get(i));
                case 2 -> {
                    if (i + 1 < out.size() - 1) {
                        Token a = out.get(i);
                        Token b = out.get(i + 1);
                        out.set(i, new Token(a.before(), b.text()));
                        out.set(i + 1, new Token(b.before(), a.text()));
                    }
                }
                case 3 -> out.add(i, new Token(random.nextBoolean() ? " " : "\n", inserted));
                default -> out.set(i, new Token(out.get(i).before(), inserted));
            }
        }
        return join(out);
    }

    /** Every keyword and punctuation mark of the grammar, and values of every shape, right or wrong. */
    private static List<String> insertions() {
        List<String> tokens = new ArrayList<>();
        Vocabulary vocabulary = PruneLexer.VOCABULARY;
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String literal = vocabulary.getLiteralName(type);
            if (literal != null) {
                tokens.add(literal.substring(1, literal.length() - 1));
            }
        }
        tokens.addAll(List.of("0", "1", "-1", "3", "2e-3", "1e400", "0.5", "99999999999999999999", "3 epochs", "0.5 epoch",
                "500 steps", "0.8 x baseline", "1.5 x", "5 ms", "10%", "2..6", "6..2", "\"a.*\"", "\"\"", "\"open", "\"bad\\q\"",
                "foo", "updp", "updp.block", "updp.merge", "std.updp", "none", "adamw(lr: 1e-3)", "linear(until: 1 epochs)",
                "[1, 28, 28]", "[]", "$", "#", "/*", "*/", "//", "\"../examples/quickstart.prune\"", "λ", "1.5 x * 2", "(1 / 0)",
                "2 epochs + 3 steps", "macs <= 1.5 x", "flops <= 2", "-0.5"));
        return tokens;
    }
}
