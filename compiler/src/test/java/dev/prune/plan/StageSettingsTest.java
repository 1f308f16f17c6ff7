package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of issue 11 in the plan: a stage's own seed, where the subnet starts, BatchNorm recalibration. */
class StageSettingsTest {

    private static Map<String, String> hashes(String... sets) throws IOException {
        return PlannerTest.hashes(PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of(sets)));
    }

    @Test
    void aSubnetSeedLeavesEarlierStagesAlone() throws IOException {
        Map<String, String> first = hashes("train.subnet.seed=1");
        Map<String, String> second = hashes("train.subnet.seed=2");
        for (String stage : List.of("baseline", "supernet", "search")) {
            assertEquals(first.get(stage), second.get(stage), stage);
        }
        for (String stage : List.of("subnet", "merge", "export")) {
            assertNotEquals(first.get(stage), second.get(stage), stage);
        }
    }

    @Test
    void aSearchSeedLeavesTrainingBeforeItAlone() throws IOException {
        Map<String, String> first = hashes("search.seed=1");
        Map<String, String> second = hashes("search.seed=2");
        assertEquals(first.get("baseline"), second.get("baseline"));
        assertEquals(first.get("supernet"), second.get("supernet"));
        assertNotEquals(first.get("search"), second.get("search"));
    }

    @Test
    void theRecipeSeedStillReachesEveryStage() throws IOException {
        Map<String, String> first = hashes("seed=1");
        Map<String, String> second = hashes("seed=2");
        first.forEach((stage, hash) -> assertNotEquals(hash, second.get(stage), stage));
    }

    /** Without a supernet the default start is the baseline, and the checker says nothing (it does when init supernet is written). */
    @Test
    void withoutASupernetTheSubnetStartsFromTheBaseline() throws IOException {
        Plan plan = PlannerTest.plan("resnet_imported.prune", PlannerTest.read("resnet_imported.prune"), List.of());
        assertEquals(List.of("search", "baseline"), plan.stage("subnet").orElseThrow().inputs());
    }

    /** By default the subnet starts from the supernet; init baseline makes the baseline its input. */
    @Test
    void initChoosesTheSubnetsInput() throws IOException {
        Plan byDefault = PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of());
        Plan fromBaseline = PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of("train.subnet.init=baseline"));
        Plan fromSupernet = PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of("train.subnet.init=supernet"));
        assertEquals(List.of("search", "supernet"), byDefault.stage("subnet").orElseThrow().inputs());
        assertEquals(java.util.Optional.of(TrainSpec.Init.SUPERNET), byDefault.subnet().init());
        assertEquals(byDefault.stage("subnet").orElseThrow().hash(), fromSupernet.stage("subnet").orElseThrow().hash(),
                "the default is the supernet: writing it changes nothing");
        assertEquals(java.util.Optional.of(TrainSpec.Init.BASELINE), fromBaseline.subnet().init());
        assertEquals(List.of("search", "baseline"), fromBaseline.stage("subnet").orElseThrow().inputs());
        assertNotEquals(byDefault.stage("subnet").orElseThrow().hash(), fromBaseline.stage("subnet").orElseThrow().hash());
        assertEquals(byDefault.stage("search").orElseThrow().hash(), fromBaseline.stage("search").orElseThrow().hash());
    }

    /**
     * {@code until converged} is the baseline's only where written (so a recipe without it keeps its hashes),
     * bound with its defaults, shown in the plan with its arguments, and part of the baseline's hash and so of
     * every stage after it.
     */
    @Test
    void untilConvergedIsABaselineSetting() throws IOException {
        String text = PlannerTest.read("convnext.prune").replace("    epochs 2\n    optimizer adamw(lr: 2e-3", "    epochs 4\n    optimizer adamw(lr: 2e-3");
        Plan without = PlannerTest.plan("convnext.prune", text, List.of());
        Plan byDefault = PlannerTest.plan("convnext.prune", text, List.of("train.baseline.until=converged"));
        Plan written = PlannerTest.plan("convnext.prune", text, List.of("train.baseline.until=converged(delta: 0.5, over: 3 epochs)"));
        assertEquals(java.util.Optional.empty(), without.baseline().orElseThrow().until());
        assertEquals(java.util.Optional.of(new Convergence(0.2, 2)), byDefault.baseline().orElseThrow().until());
        assertEquals(java.util.Optional.of(new Convergence(0.5, 3)), written.baseline().orElseThrow().until());
        assertEquals(Duration.epochs(4), written.baseline().orElseThrow().length(), "epochs stays the stage's length: the most it trains");
        assertTrue(without.stage("baseline").orElseThrow().params().stream().noneMatch(p -> p.path().startsWith("train.baseline.until")));
        Map<String, String> a = PlannerTest.hashes(without);
        Map<String, String> b = PlannerTest.hashes(byDefault);
        Map<String, String> c = PlannerTest.hashes(written);
        a.forEach((stage, hash) -> assertNotEquals(hash, b.get(stage), stage));
        b.forEach((stage, hash) -> assertNotEquals(hash, c.get(stage), stage));
        String json = Json.compact(PlanJson.toMap(written));
        assertTrue(json.contains("\"train.baseline.until\":{\"value\":{\"call\":\"converged\",\"args\":{\"delta\":{\"value\":0.5,"
                + "\"from\":\"--set 1\"},\"over\":{\"value\":{\"value\":3,\"unit\":\"epochs\"}"), json);
    }

    /** Recalibration is on by default (8 batches) and part of the search's hash; none turns it off. */
    @Test
    void recalibrationIsASearchSetting() throws IOException {
        Plan byDefault = PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of());
        Plan off = PlannerTest.plan("convnext.prune", PlannerTest.read("convnext.prune"), List.of("search.recalibrate=none"));
        assertEquals(java.util.OptionalInt.of(8), byDefault.search().recalibrate());
        assertEquals(java.util.OptionalInt.empty(), off.search().recalibrate());
        assertNotEquals(byDefault.stage("search").orElseThrow().hash(), off.stage("search").orElseThrow().hash());
        assertEquals(byDefault.stage("supernet").orElseThrow().hash(), off.stage("supernet").orElseThrow().hash());
    }
}
