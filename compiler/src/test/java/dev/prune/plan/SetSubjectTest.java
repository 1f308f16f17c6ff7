package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --set} replaces a section's subject ({@code search=random}, {@code model=resnet(...)}, {@code data=...},
 * {@code export=...}) with the checking written text gets; settings the new subject does not take are dropped, as an
 * experiment's {@code variant { search = random }} drops them (one mechanism: the checker's section override).
 */
class SetSubjectTest {

    /** SpecRelativePathsTest's recipe, searching by evolution over the two blocks of layer1. */
    private static final String RECIPE = SpecRelativePathsTest.recipe("data", "m.onnx", "out/r.onnx")
            .replace("search exhaustive { score top1 on val }",
                    "search evolution { population 4; generations 3; mutation 0.5; score loss on train }")
            .replace("\"layer*.*\"", "\"layer1.*\"");

    private static Compilation compile(String... sets) {
        return Compiler.compile(new Source("r.prune", RECIPE), List.of(sets));
    }

    private static Plan plan(String... sets) {
        assertTrue(RECIPE.contains("search evolution") && RECIPE.contains("layer1.*"), RECIPE);
        Compilation compilation = compile(sets);
        assertTrue(compilation.ok(), compilation::render);
        return Planner.plan(compilation.recipes().get(0), ContentDigests.inMemory());
    }

    private static List<String> params(Plan plan, String stage) {
        return plan.stage(stage).orElseThrow().params().stream().map(Param::path).toList();
    }

    @Test
    void searchRandomReplacesTheStrategyAndDropsWhatOnlyEvolutionTakes() {
        Plan written = plan();
        Plan random = plan("search=random");
        assertEquals(new SearchPlan.Strategy.Evolution(4, 3, 0.5), written.search().strategy());
        assertEquals(new SearchPlan.Strategy.RandomDraw(4), random.search().strategy(), "population is a setting of random too");
        assertEquals(SearchPlan.Score.LOSS, random.search().score(), "the section's other settings stay");
        assertTrue(params(written, "search").containsAll(List.of("search.generations", "search.mutation")));
        assertFalse(params(random, "search").contains("search.generations"));
        assertFalse(params(random, "search").contains("search.mutation"));
        assertTrue(PlanJson.write(random).contains("\"value\": \"random\",\n          \"from\": \"--set 1\""), PlanJson.write(random));
        assertNotEquals(written.stage("search").orElseThrow().hash(), random.stage("search").orElseThrow().hash());
        assertEquals(written.stage("baseline").orElseThrow().hash(), random.stage("baseline").orElseThrow().hash());
        assertEquals(new SearchPlan.Strategy.Exhaustive(), plan("search=exhaustive").search().strategy());
        // A setting of the dropped strategy given on the command line too names nothing the new one has.
        Compilation both = compile("search=random", "search.generations=2");
        assertFalse(both.ok());
        assertTrue(both.render().contains("--set 2:1:1: error: --set names no setting of recipe paths: 'search.generations'"), both.render());
    }

    @Test
    void modelAndExportCallsAreReplacedWhole() {
        Plan written = plan();
        Plan smaller = plan("model=resnet(depths: [1, 1, 1, 1], widths: [8, 16, 16, 32])", "export=onnx(\"exports/r.onnx\")");
        assertEquals("resnet18", written.model().architecture().name());
        assertEquals("resnet", smaller.model().architecture().name());
        assertEquals(Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 16, 16, 32)), smaller.model().architecture().args());
        assertEquals(List.of("layer1.0"), smaller.space().candidates(), "the space is resolved against the new model");
        assertEquals("exports/r.onnx", smaller.export().onnx());
        assertNotEquals(written.stage("baseline").orElseThrow().hash(), smaller.stage("baseline").orElseThrow().hash());
        assertEquals(new ModelPlan.WeightsSource.OnnxFile("m.onnx"), smaller.model().weights(), "the section's settings stay");
        Plan mnist = plan("data=mnist(\"digits\", max_train: 100)", "model.input=[1, 28, 28]");
        assertEquals(DataPlan.Kind.MNIST, mnist.data().source().kind());
        assertEquals(8, mnist.data().batch());
    }

    @Test
    void aBadSubjectIsReportedAtItsPlaceInTheSetText() {
        assertRefused(compile("search=randm"), "--set 1:1:8: error: unknown search strategy 'randm'", "did you mean 'random'?");
        assertRefused(compile("search=random(3)"), "--set 1:1:8: error: expected a search strategy such as random",
                "the strategies are evolution, exhaustive, random");
        assertRefused(compile("model=resnt(depths: [1, 1, 1, 1])"), "--set 1:1:7: error: unknown architecture 'resnt'", "did you mean 'resnet'?");
        assertRefused(compile("model=resnet(depth: [1, 1, 1, 1])"), "--set 1:1:14: error: resnet has no argument 'depth'", "depths");
        assertRefused(compile("model=resnet(depths: [0, 1, 1, 1])"), "--set 1:", "out of range");
        assertRefused(compile("data=5"), "--set 1:1:6: error: expected a dataset");
    }

    private static void assertRefused(Compilation compilation, String... fragments) {
        assertFalse(compilation.ok());
        String rendered = compilation.render();
        for (String fragment : fragments) {
            assertTrue(rendered.contains(fragment), "expected '" + fragment + "' in:\n" + rendered);
        }
    }
}
