package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.Goldens;
import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An experiment's grid: which stages cells share, and what a per-stage seed, init and matching change. */
class ExperimentPlannerTest {

    private static final Path DIR = Path.of("src/test/resources/experiment");

    private static ExperimentPlan tiny() throws IOException {
        Path file = DIR.resolve("tiny.prune");
        Compilation compilation = Compiler.compile(new Source(file.toString().replace('\\', '/'), Files.readString(file)), List.of());
        assertTrue(compilation.ok(), compilation::render);
        assertEquals(1, compilation.experiments().size());
        return ExperimentPlanner.plan(compilation.experiments().get(0));
    }

    private static ExperimentPlan tiny(String from, String to) throws IOException {
        Path file = DIR.resolve("tiny.prune");
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Compilation compilation = Compiler.compile(new Source(file.toString().replace('\\', '/'), text.replace(from, to)), List.of());
        assertTrue(compilation.ok(), compilation::render);
        return ExperimentPlanner.plan(compilation.experiments().get(0));
    }

    private static Stage stage(ExperimentPlan plan, String label, String stage) {
        return plan.cells().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().plan().stage(stage).orElseThrow();
    }

    private static Plan cellPlan(ExperimentPlan plan, String label) {
        return plan.cells().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().plan();
    }

    private static Object param(Stage stage, String path) {
        return stage.params().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().json();
    }

    private static Set<String> hashes(ExperimentPlan plan, String stage) {
        return plan.cells().stream().flatMap(c -> c.plan().stage(stage).stream()).map(Stage::hash).collect(Collectors.toSet());
    }

    @Test
    void gridSnapshot() throws IOException {
        ExperimentPlan plan = tiny();
        Goldens.assertMatches(DIR.resolve("tiny.plan.txt"), ExperimentPlanTable.render(plan));
        String json = ExperimentPlanTable.json(plan);
        assertTrue(json.contains("\"variant\": \"random\""), json);
    }

    @Test
    void cellsFollowVariantsDrawsAndSeeds() throws IOException {
        ExperimentPlan plan = tiny();
        assertEquals(List.of("updp/seed 1", "updp/seed 2", "direct/seed 1", "direct/seed 2", "random/draw 1/seed 1",
                "random/draw 1/seed 2", "random/draw 2/seed 1", "random/draw 2/seed 2", "longer/seed 1", "longer/seed 2"),
                plan.cells().stream().map(ExperimentPlan.CellPlan::label).toList());
    }

    /** Seeds go to the subnet: one baseline and one supernet for the whole grid; the subnet is trained per cell. */
    @Test
    void stagesBeforeTheSeededOneAreShared() throws IOException {
        ExperimentPlan plan = tiny();
        assertEquals(1, hashes(plan, "baseline").size());
        assertEquals(1, hashes(plan, "supernet").size());
        assertEquals(stage(plan, "updp/seed 1", "search").hash(), stage(plan, "direct/seed 2", "search").hash(),
                "direct pruning prunes the set the same search chose");
        assertEquals(8, hashes(plan, "subnet").size(), "every pruned cell trains its own subnet");
        assertNotEquals(stage(plan, "updp/seed 1", "subnet").hash(), stage(plan, "updp/seed 2", "subnet").hash());
        assertEquals(31, plan.distinctStages().size());
    }

    /** Each draw seeds the random search; the match to updp's set is part of the draws' hashes. */
    @Test
    void matchedDrawsNameTheSetTheyMatch() throws IOException {
        ExperimentPlan plan = tiny();
        Stage draw1 = stage(plan, "random/draw 1/seed 1", "search");
        Stage draw2 = stage(plan, "random/draw 2/seed 1", "search");
        assertNotEquals(draw1.hash(), draw2.hash());
        assertEquals(draw1.hash(), stage(plan, "random/draw 1/seed 2", "search").hash(), "the seeds go to the subnet, not the draw");
        assertEquals(java.util.OptionalLong.of(1), cellPlan(plan, "random/draw 1/seed 1").search().seed());
        assertEquals(stage(plan, "updp/seed 1", "search").hash(), param(draw1, ExperimentPlanner.MATCH_SEARCH));
        assertEquals(50.0, ((Number) param(draw1, ExperimentPlanner.MATCH_PERCENT)).doubleValue());
    }

    /**
     * With the seeds going to the search, a matched variant needs no draws: each seed draws one set, matched to the
     * set that seed's search chose, so six seeds give six different cost-matched draws.
     */
    @Test
    void seedsGivenToTheSearchDrawOneMatchedSetPerSeed() throws IOException {
        ExperimentPlan plan = planWithoutDraws();
        assertEquals(List.of("updp/seed 1", "updp/seed 2", "random/seed 1", "random/seed 2", "longer/seed 1", "longer/seed 2"),
                plan.cells().stream().map(ExperimentPlan.CellPlan::label).toList());
        Stage random1 = stage(plan, "random/seed 1", "search");
        Stage random2 = stage(plan, "random/seed 2", "search");
        assertNotEquals(random1.hash(), random2.hash(), "each seed draws its own set");
        assertEquals(java.util.OptionalLong.of(2), cellPlan(plan, "random/seed 2").search().seed());
        assertEquals(stage(plan, "updp/seed 1", "search").hash(), param(random1, ExperimentPlanner.MATCH_SEARCH));
        assertEquals(stage(plan, "updp/seed 2", "search").hash(), param(random2, ExperimentPlanner.MATCH_SEARCH));
        assertNotEquals(stage(plan, "updp/seed 1", "search").hash(), stage(plan, "updp/seed 2", "search").hash());
        assertEquals(1, hashes(plan, "supernet").size(), "the supernet is still shared");
    }

    private static ExperimentPlan planWithoutDraws() throws IOException {
        Path file = DIR.resolve("tiny.prune");
        String text = Files.readString(file).replace("seeds 1, 2\n", "seeds 1, 2 for train.subnet, search\n")
                .replace("    draws 2\n", "")
                .replace("  variant direct {\n    train.subnet.progressive = immediate // pruned at once\n  }\n", "")
                .replace("  compare updp - direct on test top1 paired\n", "");
        Compilation compilation = Compiler.compile(new Source(file.toString().replace('\\', '/'), text), List.of());
        assertTrue(compilation.ok(), compilation::render);
        return ExperimentPlanner.plan(compilation.experiments().get(0));
    }

    /** The control trains the shared baseline on for the supernet's and the subnet's epochs, once per seed. */
    @Test
    void theControlContinuesTheSharedBaseline() throws IOException {
        ExperimentPlan plan = tiny();
        Stage longer = stage(plan, "longer/seed 1", "longer");
        assertEquals(StageKind.TRAIN_LONGER, longer.kind());
        assertEquals(List.of("baseline"), longer.inputs());
        assertEquals(stage(plan, "updp/seed 1", "baseline").hash(), stage(plan, "longer/seed 1", "baseline").hash());
        TrainSpec spec = cellPlan(plan, "longer/seed 1").longer().orElseThrow();
        assertEquals(Duration.epochs(2), spec.length());
        assertEquals(java.util.OptionalLong.of(1), spec.seed());
        assertEquals(cellPlan(plan, "longer/seed 1").baseline().orElseThrow().optimizer(), spec.optimizer());
        assertEquals(2.0, ((Number) param(longer, "train.longer.epochs")).doubleValue());
        assertNotEquals(longer.hash(), stage(plan, "longer/seed 2", "longer").hash());
        CheckedExperiment experiment = plan.experiment();
        assertEquals(3, experiment.comparisons().size());
    }

    /**
     * A baseline trained until converged trains a number of epochs known only once it ran: the control still
     * continues from it for the supernet's and the subnet's epochs, with no stopping rule of its own, and follows
     * the baseline's hash.
     */
    @Test
    void theControlContinuesAConvergedBaselineForAFixedLength() throws IOException {
        ExperimentPlan fixed = tiny("train baseline { epochs 1 }", "train baseline { epochs 3 }");
        ExperimentPlan converged = tiny("train baseline { epochs 1 }", "train baseline { epochs 3; until converged(delta: 0.5, over: 2 epochs) }");
        assertEquals(java.util.Optional.of(new Convergence(0.5, 2)), cellPlan(converged, "updp/seed 1").baseline().orElseThrow().until());
        Stage longer = stage(converged, "longer/seed 1", "longer");
        TrainSpec spec = cellPlan(converged, "longer/seed 1").longer().orElseThrow();
        assertEquals(java.util.Optional.empty(), spec.until());
        assertEquals(Duration.epochs(2), spec.length());
        assertTrue(longer.params().stream().noneMatch(p -> p.path().startsWith("train.longer.until")), longer.params().toString());
        assertEquals(List.of("baseline"), longer.inputs());
        assertNotEquals(stage(fixed, "longer/seed 1", "baseline").hash(), stage(converged, "longer/seed 1", "baseline").hash());
        assertNotEquals(stage(fixed, "longer/seed 1", "longer").hash(), longer.hash(), "the control follows the baseline it continues");
    }
}
