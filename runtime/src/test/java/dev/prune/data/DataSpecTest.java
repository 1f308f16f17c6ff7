package dev.prune.data;

import dev.prune.plan.DataPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.plan.Plan;
import dev.prune.plan.Planner;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** DataSpec reads what the real compiler puts in a plan, not a hand-made map. */
class DataSpecTest {

    private static Plan plan(String model, String data) {
        String recipe = """
                prune 1
                import std.updp
                recipe r {
                  seed 7
                  model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { %s }
                  %s
                  train baseline { epochs 1 }
                  space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
                  search exhaustive { score top1 on val }
                  train subnet { epochs 1; progressive linear(until: 1 epochs) }
                  merge updp.merge
                  export onnx("out/r.onnx")
                }
                """.formatted(model, data);
        Compilation compilation = Compiler.compile(new Source("r.prune", recipe), List.of());
        assertTrue(compilation.ok(), compilation::render);
        return Planner.plan(compilation.recipes().get(0));
    }

    @Test
    void fashionMnistWithACountAndAugmentations() {
        Plan plan = plan("input [1, 28, 28]; classes 10", """
                data fashion_mnist("examples/data/fashion-mnist", max_train: 5000) {
                  batch 128
                  val 1000 from train
                  augment random_crop(28, padding: 2), hflip
                  workers 3
                }""");
        DataSpec spec = DataSpec.from(plan.data(), plan.seed());
        assertEquals(new DataSpec(DataSpec.Kind.FASHION_MNIST, Path.of("examples/data/fashion-mnist"), OptionalInt.of(5000),
                OptionalInt.empty(), 128, new DataPlan.ValSize(1000, false),
                List.of(new Augmentation.RandomCrop(28, 2), new Augmentation.HFlip(0.5)), List.of(), 3, 7), spec);
        assertEquals(new ModelInput(1, 28, 28, 10), ModelInput.from(plan.model()));
    }

    @Test
    void imageFolderWithAPercentageAndPreprocessing() {
        Plan plan = plan("input [3, 32, 32]; classes 5", """
                data image_folder("data/pets") {
                  val 10% from train
                  augment random_resized_crop(32, min_scale: 0.5)
                  preprocess resize(36), center_crop(32), normalize(mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25])
                }""");
        DataSpec spec = DataSpec.from(plan.data(), plan.seed());
        assertEquals(DataSpec.Kind.IMAGE_FOLDER, spec.kind());
        assertEquals(OptionalInt.empty(), spec.maxTrain());
        assertEquals(64, spec.batch());
        assertEquals(2, spec.workers());
        assertEquals(100, spec.val().of(1000));
        assertEquals(List.of(new Augmentation.RandomResizedCrop(32, 0.5)), spec.augment());
        assertEquals(List.of(new Preprocessing.Resize(36), new Preprocessing.CenterCrop(32),
                new Preprocessing.Normalize(List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25))), spec.preprocess());
        assertEquals(Path.of("/recipes/data/pets"), spec.resolvedAgainst(Path.of("/recipes")).path());
    }
}
