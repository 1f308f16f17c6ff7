package dev.prune.api;

import static dev.prune.api.Exprs.call;
import static dev.prune.api.Exprs.epochs;
import static dev.prune.api.Exprs.name;
import static dev.prune.api.Exprs.percent;
import static dev.prune.api.Exprs.timesBaseline;
import static dev.prune.api.Exprs.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.ParsedFile;
import dev.prune.lang.Source;
import dev.prune.lang.SpecFile;
import dev.prune.lang.SpecParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeBuilderTest {

    /**
     * examples/quickstart.prune, built in code. The hand-written twin below spells 2e-3 as 0.002: a number
     * literal keeps its text, and the API writes each number in its shortest form.
     */
    static Recipe quickstart() {
        return Recipe.named("quickstart")
                .seed(7)
                .model(call("convnext").arg("depths", List.of(1, 1, 3, 1)).arg("dims", List.of(16, 32, 64, 128)),
                        m -> m.input(1, 28, 28).classes(10).weights(call("none")))
                .data(call("fashion_mnist").arg("examples/data/fashion-mnist"),
                        d -> d.batch(128).val(1000).augment(call("random_crop").arg(28).arg("padding", 2), call("hflip")))
                .train("baseline", t -> t.epochs(2)
                        .optimizer(call("adamw").arg("lr", 2e-3).arg("weight_decay", 0.05))
                        .schedule(call("cosine").arg("warmup", epochs(0.5))))
                .space(s -> s.blocks("features.*.*").except("features.*.0").prune(1).transform("updp.block"))
                .train("supernet", t -> t.epochs(1).sample(call("uniform")).optimizer(call("adamw").arg("lr", 1e-3)))
                .search("exhaustive", s -> s.score("top1", "val"))
                .train("subnet", t -> t.epochs(2)
                        .progressive(call("linear").arg("from", 0).arg("to", 1).arg("until", epochs(1)))
                        .optimizer(call("adamw").arg("lr", 5e-4)))
                .merge("updp.merge")
                .export(call("onnx").arg("out/quickstart.onnx"), e -> e.opset(17).verifyAtol(1e-4).benchBatch(1, 32));
    }

    static final String QUICKSTART_TEXT = """
            prune 1
            import std.updp
            recipe quickstart {
              seed 7
              model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10; weights none }
              data fashion_mnist("examples/data/fashion-mnist") {
                batch 128
                val 1000 from train
                augment random_crop(28, padding: 2), hflip
              }
              train baseline { epochs 2; optimizer adamw(lr: 0.002, weight_decay: 0.05); schedule cosine(warmup: 0.5 epochs) }
              space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
              train supernet { epochs 1; sample uniform; optimizer adamw(lr: 0.001) }
              search exhaustive { score top1 on val }
              train subnet { epochs 2; progressive linear(from: 0, to: 1, until: 1 epochs); optimizer adamw(lr: 5e-4) }
              merge updp.merge
              export onnx("out/quickstart.onnx") { opset 17; verify atol 1e-4; bench batch [1, 32] }
            }
            """;

    static SpecFile parse(String text) {
        ParsedFile parsed = SpecParser.parse(new Source("hand.prune", text));
        assertTrue(parsed.ok(), () -> parsed.diagnostics().toString());
        return parsed.ast().orElseThrow();
    }

    @Test
    void quickstartBuiltInCodeIsTheHandWrittenRecipe() {
        assertEquals(parse(QUICKSTART_TEXT), quickstart().toSpecFile());
    }

    @Test
    void theHandWrittenTwinChecksClean() {
        Compilation compilation = Compiler.compile(new Source("hand.prune", QUICKSTART_TEXT), List.of());
        assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
    }

    @Test
    void everyOtherSettingShapeMatchesItsText() {
        Recipe recipe = Recipe.named("shapes")
                .let("ramp", times(2, epochs(1)))
                .data(call("fashion_mnist").arg("d").arg("max_train", 5000), d -> d.val(percent(10)).workers(4)
                        .preprocess(call("normalize").arg("mean", List.of(-0.5)).arg("std", List.of(0.25))))
                .train("subnet", t -> t.steps(500).labelSmoothing(0.1).clipGrad(1)
                        .optimizer(call("sgd").arg("nesterov", true))
                        .progressive(call("cosine").arg("until", name("ramp"))))
                .space(s -> s.blocks("a.*", "b.*").except("a.0").except("b.0")
                        .prune(2, 6).where("macs", "<=", timesBaseline(0.8)).where("latency", "<", Exprs.ms(5))
                        .transform("u.block"))
                .search("evolution", s -> s.population(24).generations(8).mutation(0.25).score("loss", "train").batches(10))
                .export(call("onnx").arg("o.onnx"), e -> e.runs(5))
                .runtime(r -> r.device(call("gpu").arg("index", 1)).provider("rocm").threads(2).fallback("cpu"));
        SpecFile expected = parse("""
                prune 1
                import std.updp
                recipe shapes {
                  let ramp = 2 * 1 epochs
                  data fashion_mnist("d", max_train: 5000) {
                    val 10% from train; workers 4; preprocess normalize(mean: [-0.5], std: [0.25])
                  }
                  train subnet { steps 500; label_smoothing 0.1; clip_grad 1; optimizer sgd(nesterov: true); progressive cosine(until: ramp) }
                  space {
                    blocks "a.*", "b.*" except "a.0", "b.0"
                    prune 2..6 where macs <= 0.8 x baseline and latency < 5 ms
                    transform u.block
                  }
                  search evolution { population 24; generations 8; mutation 0.25; score loss on train; batches 10 }
                  export onnx("o.onnx") { runs 5 }
                  runtime { device gpu(index: 1); provider rocm; threads 2; fallback cpu }
                }
                """);
        assertEquals(expected, recipe.toSpecFile());
    }

    @Test
    void aRecipeIsImmutableAndEditsKeepTheirPlace() {
        Recipe base = quickstart();
        Recipe four = base.space(s -> s.prune(4)).train("baseline", t -> t.steps(300));
        assertEquals(parse(QUICKSTART_TEXT), base.toSpecFile(), "the base is unchanged");
        String edited = QUICKSTART_TEXT
                .replace("prune 1;", "prune 4;")
                .replace("train baseline { epochs 2;", "train baseline { steps 300;");
        assertEquals(parse(edited), four.toSpecFile(), "prune changed in place; steps replaced epochs where it stood");
        assertNotEquals(base, four);
        assertEquals(base, quickstart());
    }

    @Test
    void textThatCouldNotBeWrittenThrowsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Recipe.named("two words"));
        assertThrows(IllegalArgumentException.class, () -> call("adam w"));
        assertThrows(IllegalArgumentException.class, () -> call("adamw").arg("learning rate", 1));
        assertThrows(IllegalArgumentException.class, () -> Exprs.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Exprs.of(new Object()));
        assertThrows(IllegalStateException.class, () -> Recipe.named("r").space(s -> s.except("a.0")));
        assertThrows(IllegalStateException.class, () -> Recipe.named("r").space(s -> s.where("macs", "<=", 1)));
        assertThrows(IllegalArgumentException.class, () -> Recipe.named("r").space(s -> s.prune(2).where("macs", "=<", 1)));
    }

    @Test
    void theBuiltQuickstartChecksCleanAsAnAst() {
        AstCheck.Result result = AstCheck.check(quickstart());
        assertEquals(List.of(), result.diagnostics());
        Compilation hand = Compiler.compile(new Source("quickstart.prune", QUICKSTART_TEXT), List.of());
        assertEquals(RecipeJson.write(hand.recipes().get(0)), RecipeJson.write(result.recipes().get(0)));
    }

    @Test
    void aBuiltLearningRateOfZeroIsReported() {
        AstCheck.Result result = AstCheck.check(quickstart().train("baseline", t -> t.optimizer(call("adamw").arg("lr", 0))));
        assertEquals(1, result.diagnostics().size(), result.diagnostics()::toString);
        assertEquals("out-of-range", result.diagnostics().get(0).code());
    }

    @Test
    void checkReportsNothingForTheQuickstart() {
        Compilation compilation = quickstart().check();
        assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
        assertEquals(parse(QUICKSTART_TEXT), parse(quickstart().toText()), "the printed text reads back as the same recipe");
    }

    @Test
    void checkReportsAnInvalidValueWithItsPlace() {
        Recipe broken = quickstart().train("baseline", t -> t.optimizer(call("adamw").arg("lr", 0)));
        Compilation compilation = broken.check();
        assertFalse(compilation.ok());
        assertEquals(1, compilation.diagnostics().size(), compilation::render);
        assertTrue(compilation.render().contains("quickstart.prune:"), compilation::render);
        assertTrue(compilation.render().contains("out of range"), compilation::render);
        assertThrows(IllegalStateException.class, broken::toJson);
    }

    @Test
    void checkTakesSetOverrides() {
        Compilation compilation = quickstart().check(List.of("train.baseline.epochs=5"));
        assertTrue(compilation.ok(), compilation::render);
        assertEquals(5.0, ((dev.prune.lang.Value.Num) compilation.recipes().get(0).value("train.baseline.epochs")).value());
    }

    @Test
    void jsonOfTheBuiltRecipeIsTheJsonOfItsText() {
        Compilation hand = Compiler.compile(new Source("quickstart.prune", QUICKSTART_TEXT), List.of());
        assertEquals(RecipeJson.write(hand.recipes().get(0)), quickstart().toJson());
    }
}
