package dev.prune.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.CheckedExperiment;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Value;
import dev.prune.plan.ExperimentPlan;
import dev.prune.plan.ExperimentPlanner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The experiments of issue 11 under examples/experiments check clean and have the grid the issue asks for. */
class ExperimentExamplesTest {

    private static final Path DIR = ExamplesTest.EXAMPLES.resolve("experiments");

    private static CheckedExperiment experiment(String file) throws Exception {
        Compilation compilation = Compiler.compile(DIR.resolve(file), List.of());
        assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
        assertEquals(1, compilation.experiments().size());
        return compilation.experiments().get(0);
    }

    private static int candidates(CheckedExperiment experiment) {
        return ((Value.Lst) experiment.recipe().value("space.candidates")).items().size();
    }

    @Test
    void convnextPrunes8And4Of12WithEveryVariantOverSixSeeds() throws Exception {
        for (String file : List.of("convnext_p8.prune", "convnext_p4.prune")) {
            CheckedExperiment experiment = experiment(file);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), experiment.seeds());
            assertEquals(12, candidates(experiment), file);
            assertEquals(List.of("updp", "direct", "updp_supernet", "direct_supernet", "random"), experiment.variants());
            assertEquals("longer", experiment.control().orElseThrow());
            assertEquals(List.of("train.subnet", "search"), experiment.seedStages(), "each seed searches and draws anew");
            assertEquals(1, experiment.cellsOf("random").size() / experiment.seeds().size(), "one cost-matched draw per seed");
            assertEquals(5.0, experiment.matchOf("random").orElseThrow().percent());
            ExperimentPlan plan = ExperimentPlanner.plan(experiment);
            assertEquals(4 * 6 + 6 + 6, plan.cells().size());
            assertEquals(1, plan.cells().stream().map(c -> c.plan().stage("baseline").orElseThrow().hash()).distinct().count(),
                    "one baseline for the whole grid");
        }
        assertEquals(8L, ((Value.Rng) experiment("convnext_p8.prune").recipe().value("space.prune")).high());
        assertEquals(4L, ((Value.Rng) experiment("convnext_p4.prune").recipe().value("space.prune")).high());
    }

    @Test
    void resnetReplicatesUpdpAgainstDirect() throws Exception {
        CheckedExperiment experiment = experiment("resnet_p8.prune");
        assertEquals(6, experiment.seeds().size());
        assertEquals(12, candidates(experiment));
        assertEquals(List.of("updp", "direct"), experiment.variants());
        assertEquals("updp - direct on test top1", experiment.comparisons().get(0).title());
    }

    /** clip_grad was a workaround for NaNs that predate the memory fix; the new recipes go without it. */
    @Test
    void noRecipeClipsGradients() throws Exception {
        for (String file : List.of("convnext_p8.prune", "convnext_p4.prune", "resnet_p8.prune")) {
            CheckedExperiment experiment = experiment(file);
            assertEquals(new Value.Sym("none"), experiment.recipe().value("train.subnet.clip_grad"), file);
        }
    }
}
