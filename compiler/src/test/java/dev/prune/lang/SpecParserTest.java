package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private static SpecFile parse(String text) {
        ParsedFile parsed = SpecParser.parse(new Source("t.prune", text));
        assertTrue(parsed.ok(), () -> parsed.diagnostics().toString());
        return parsed.ast().orElseThrow();
    }

    @Test
    void settingsOfEveryShapeReadAsKeyValuesAndClauses() {
        SpecFile file = parse("""
                prune 1
                recipe r {
                  data fashion_mnist("d") { val 2000 from train; batch 64 }
                  space { blocks "a.*" except "a.0", "a.1"; prune 2..6 where macs <= 0.8 x baseline and params < 0.9 x baseline }
                  export onnx("o.onnx") { verify atol 1e-4; bench batch [1, 32] }
                }
                """);
        RecipeDecl recipe = file.recipes().get(0);
        Section data = recipe.section(SectionKind.DATA).orElseThrow();
        Setting val = data.settings().get(0);
        assertEquals("val", val.keyText());
        assertEquals(List.of(NumberLit.of(2000)), val.values());
        assertEquals(List.of(Call.name("train")), val.clause("from").orElseThrow().values());

        Section space = recipe.section(SectionKind.SPACE).orElseThrow();
        Setting blocks = space.settings().get(0);
        assertEquals(List.of(StringLit.of("a.0"), StringLit.of("a.1")), blocks.clause("except").orElseThrow().values());
        Setting prune = space.settings().get(1);
        assertEquals(new Range(Span.NONE, NumberLit.of(2), NumberLit.of(6)), prune.values().get(0));
        List<Expr> where = prune.clause("where").orElseThrow().values();
        assertEquals(2, where.size());
        assertEquals(new Comparison(Span.NONE, Name.of("macs"), Comparison.Operator.AT_MOST,
                NumberLit.of(0.8, Unit.TIMES_BASELINE)), where.get(0));

        Setting verify = recipe.section(SectionKind.EXPORT).orElseThrow().settings().get(0);
        assertEquals("verify", verify.keyText());
        assertEquals(List.of(), verify.values());
        assertEquals("atol", verify.clauses().get(0).keyword());
    }

    @Test
    void theSplitOfValIsOptional() {
        SpecFile file = parse("recipe r { data d(\"x\") { val 10%\n batch 64 } }");
        Setting val = file.recipes().get(0).sections().get(0).settings().get(0);
        assertEquals(List.of(NumberLit.of(10, Unit.PERCENT)), val.values());
        assertEquals(List.of(), val.clauses());
    }

    @Test
    void arithmeticBindsMultiplicationTighter() {
        SpecFile file = parse("let a = 1 + 2 * 3 - 4");
        LetDecl let = (LetDecl) file.decls().get(0);
        Expr expected = new Binary(Span.NONE, Binary.Operator.SUBTRACT,
                new Binary(Span.NONE, Binary.Operator.ADD, NumberLit.of(1),
                        new Binary(Span.NONE, Binary.Operator.MULTIPLY, NumberLit.of(2), NumberLit.of(3))),
                NumberLit.of(4));
        assertEquals(expected, let.value());
    }

    @Test
    void keywordsAreUsableAsNames() {
        SpecFile file = parse("recipe r { train baseline { schedule step(every: 2 epochs) } }");
        Setting schedule = file.recipes().get(0).sections().get(0).settings().get(0);
        Call call = (Call) schedule.values().get(0);
        assertEquals("step", call.calleeName());
        assertEquals(Optional.of(Name.of("every")), call.args().get(0).name());
    }

    @Test
    void spansAreOneBasedAndCoverTheText() {
        SpecFile file = parse("prune 1\nrecipe r {\n  seed 7\n}\n");
        Setting seed = (Setting) file.recipes().get(0).items().get(0);
        assertEquals(3, seed.span().line());
        assertEquals(3, seed.span().column());
        assertEquals(8, seed.span().endColumn());
    }

    @Test
    void unknownSettingsParseSoTheCheckerCanNameThem() {
        SpecFile file = parse("recipe r { train baseline { epocs 3 } }");
        Setting s = file.recipes().get(0).sections().get(0).settings().get(0);
        assertEquals("epocs", s.keyText());
        assertEquals(false, s.known());
    }

    @Test
    void syntaxErrorsAreAllReportedInLanguageWords() {
        ParsedFile parsed = SpecParser.parse(new Source("t.prune", """
                prune 1
                recipe r {
                  seed = 7
                  model convnext( { }
                }
                """));
        assertTrue(parsed.ast().isEmpty());
        assertTrue(parsed.diagnostics().size() >= 1, parsed.diagnostics()::toString);
        Diagnostic first = parsed.diagnostics().get(0);
        assertEquals(3, first.span().line());
        assertEquals(8, first.span().column());
        assertEquals("unexpected '='; expected a value", first.message());
    }
}
