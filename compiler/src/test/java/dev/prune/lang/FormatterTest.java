package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import dev.prune.lang.Binary.Operator;
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
        assertEquals(sortedTexts(before.comments()), sortedTexts(after.comments()),
                () -> name + " lost or gained comments:\n" + formatted);
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
        try (Stream<Path> examples = Files.walk(Path.of("../examples"));
                Stream<Path> stdlib = Files.walk(Path.of("../stdlib"))) {
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

    // ------------------------------------------------------------ ASTs built in code

    @Test
    void printsARecipeBuiltInCodeSoThatItReadsBack() {
        Span none = Span.NONE;
        Setting seed = new Setting(none, Name.of("seed"), List.of(NumberLit.of(7)), List.of(), true);
        Setting epochs = new Setting(none, Name.of("epochs"), List.of(NumberLit.of(3)), List.of(), true);
        Call adamw = Call.of("adamw",
                List.of(Argument.named("lr", Call.name("lr")), Argument.named("weight_decay", NumberLit.of(0.05))));
        Setting optimizer = new Setting(none, Name.of("optimizer"), List.of(adamw), List.of(), true);
        Section train = new Section(none, SectionKind.TRAIN, Optional.of(Call.name("baseline")),
                List.of(epochs, optimizer));
        Comparison macs = new Comparison(none, Name.of("macs"), Comparison.Operator.AT_MOST,
                NumberLit.of(0.8, Unit.TIMES_BASELINE));
        Setting prune = new Setting(none, Name.of("prune"), List.of(new Range(none, NumberLit.of(2), NumberLit.of(6))),
                List.of(new Clause(none, "where", List.of(macs))), true);
        Section space = new Section(none, SectionKind.SPACE, Optional.empty(), List.of(prune));
        Call onnx = Call.of("onnx", List.of(Argument.positional(StringLit.of("m.onnx"))));
        Section export = new Section(none, SectionKind.EXPORT, Optional.of(onnx), List.of());
        RecipeDecl recipe = new RecipeDecl(none, Name.of("generated"), List.of(seed, train, space, export));
        SpecFile file = new SpecFile(none, Optional.of(new Header(none, 1)),
                List.of(new Import(none, new Import.Module(QualifiedName.of("std.updp")), Optional.empty())),
                List.of(new LetDecl(none, Name.of("lr"), NumberLit.of(0.002)), recipe));

        String text = Formatter.format(file, List.of());

        assertEquals("""
                prune 1

                import std.updp

                let lr = 0.002

                recipe generated {
                  seed 7
                  train baseline {
                    epochs 3
                    optimizer adamw(lr: lr, weight_decay: 0.05)
                  }
                  space {
                    prune 2..6 where macs <= 0.8 x baseline
                  }
                  export onnx("m.onnx")
                }
                """, text);
        assertEquals(file, parse("generated.prune", text).ast().orElseThrow());
    }

    @Test
    void expressionsGetTheFewestParenthesesThatKeepTheirTree() {
        NumberLit one = NumberLit.of(1);
        NumberLit two = NumberLit.of(2);
        NumberLit three = NumberLit.of(3);
        assertPrintsAndReadsBack("1 - 2 - 3", binary(Operator.SUBTRACT, binary(Operator.SUBTRACT, one, two), three));
        assertPrintsAndReadsBack("1 - (2 - 3)", binary(Operator.SUBTRACT, one, binary(Operator.SUBTRACT, two, three)));
        assertPrintsAndReadsBack("1 + 2 * 3", binary(Operator.ADD, one, binary(Operator.MULTIPLY, two, three)));
        assertPrintsAndReadsBack("(1 + 2) * 3", binary(Operator.MULTIPLY, binary(Operator.ADD, one, two), three));
        assertPrintsAndReadsBack("1 / (2 * 3)", binary(Operator.DIVIDE, one, binary(Operator.MULTIPLY, two, three)));
        assertPrintsAndReadsBack("1 * 2 / 3", binary(Operator.DIVIDE, binary(Operator.MULTIPLY, one, two), three));
        assertPrintsAndReadsBack("-(1 + 2)", negate(binary(Operator.ADD, one, two)));
        assertPrintsAndReadsBack("-1 * -2", binary(Operator.MULTIPLY, negate(one), negate(two)));
        assertPrintsAndReadsBack("1 - -2", binary(Operator.SUBTRACT, one, negate(two)));
        assertPrintsAndReadsBack("--x", negate(negate(Call.name("x"))));
        assertPrintsAndReadsBack("10% + 2 ms",
                binary(Operator.ADD, NumberLit.of(10, Unit.PERCENT), NumberLit.of(2, Unit.MILLISECONDS)));
        assertPrintsAndReadsBack("[1.5 x, 3 steps, 2 epochs]", new ListExpr(Span.NONE,
                List.of(NumberLit.of(1.5, Unit.TIMES), NumberLit.of(3, Unit.STEPS), NumberLit.of(2, Unit.EPOCHS))));
        assertPrintsAndReadsBack("[]", new ListExpr(Span.NONE, List.of()));
        assertPrintsAndReadsBack("f()", Call.of("f", List.of()));
        assertPrintsAndReadsBack("a.b(1, c: [2])", Call.of("a.b", List.of(Argument.positional(one),
                Argument.named("c", new ListExpr(Span.NONE, List.of(two))))));
    }

    @Test
    void stringsAreReEscaped() {
        assertPrintsAndReadsBack("\"q\\\"uote\\\\ \\n\\r\\t\"", StringLit.of("q\"uote\\ \n\r\t"));
    }

    private static Binary binary(Operator op, Expr left, Expr right) {
        return new Binary(Span.NONE, op, left, right);
    }

    private static Negate negate(Expr operand) {
        return new Negate(Span.NONE, operand);
    }

    private static void assertPrintsAndReadsBack(String expected, Expr expr) {
        assertEquals(expected, ExprPrinter.print(expr));
        LetDecl let = (LetDecl) parse("e.prune", "let v = " + expected).ast().orElseThrow().decls().get(0);
        assertEquals(expr, let.value(), expected);
    }

    // ------------------------------------------------------------ comments and edge cases

    @Test
    void commentsInsideAStatementMoveAboveIt() {
        String formatted = assertFormatsSoundly("inside.prune", """
                recipe r {
                  train t {
                    optimizer adamw(
                      lr: 1, // the rate
                      /* decay */ weight_decay: 0.05)
                    epochs 2
                  }
                }
                """);
        assertEquals("""
                recipe r {
                  train t {
                    // the rate
                    /* decay */
                    optimizer adamw(lr: 1, weight_decay: 0.05)
                    epochs 2
                  }
                }
                """, formatted);
    }

    /** A comment at any gap between tokens is kept, once, and the result is a fixed point that reads the same. */
    @TestFactory
    Stream<DynamicTest> aCommentAnywhereIsKept() throws IOException {
        String text = Files.readString(Path.of("../examples/quickstart.prune"));
        List<Comment> existing = parse("quickstart.prune", text).comments();
        // Gaps are whitespace outside comments; the example's strings hold no whitespace.
        List<Integer> gaps = java.util.stream.IntStream.range(0, text.length())
                .filter(i -> Character.isWhitespace(text.charAt(i)))
                .filter(i -> existing.stream().noneMatch(c -> c.span().start() <= i && i < c.span().end()))
                .boxed().toList();
        return Stream.of(" /* c */ ", "// c\n", "\n/* c\n  over lines */\n").flatMap(comment -> gaps.stream().map(gap ->
                DynamicTest.dynamicTest(comment.strip() + " at " + gap, () -> assertFormatsSoundly("quickstart.prune",
                        text.substring(0, gap) + comment + text.substring(gap)))));
    }

    @Test
    void aFileOfCommentsOnlyKeepsThem() {
        assertEquals("// a\n\n/* b */\n", assertFormatsSoundly("comments.prune", "  // a\n\n\n  /* b */"));
        assertEquals("", assertFormatsSoundly("empty.prune", ""));
    }

    @Test
    void aFileWithSyntaxErrorsIsNotFormatted() {
        ParsedFile broken = SpecParser.parse(new Source("broken.prune", "recipe {"));
        assertThrows(IllegalArgumentException.class, () -> Formatter.format(broken));
    }
}
