package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which blocks pay once merged under std.updp, judged from shapes only (DESIGN.md's table of merged forms). */
class MergePayoffTest {

    private static Map<String, MergePayoff> payoffs(String model, Map<String, ?> args, List<String> blocks) {
        Graph graph = Zoo.build(model, args, ImageShape.of(1, 28, 28), 10, BuildOptions.shapesOnly());
        return MergePayoff.of(graph, TestModels.transform(), TestModels.rules(), blocks);
    }

    @Test
    void anInvertedResidualWithoutExpansionDoesNotPay() {
        // features.1: dw3×3 → pw 8→8; one dense 3×3 would cost ~4× and the bound is 1.5×, so both layers stay.
        // features.3: pw → dw3×3 → pw composes into one dense 3×3 at ~0.5× the MACs.
        Map<String, MergePayoff> p = payoffs("mobilenet_v2", Map.of("width_mult", 0.25), List.of("features.1", "features.3"));
        MergePayoff first = p.get("features.1");
        assertFalse(first.pays(), first::toString);
        assertEquals(first.before().layers(), first.after().layers());
        assertTrue(first.describe().contains("not within macs <= 1.5 x"), first.describe());
        MergePayoff third = p.get("features.3");
        assertTrue(third.pays(), third::toString);
        assertEquals(1, third.after().layers());
        assertTrue(third.after().macs() < third.before().macs());
    }

    @Test
    void aBasicBlockPaysInLayersThoughItCostsMoreMacs() {
        MergePayoff block = payoffs("resnet18", Map.of(), List.of("layer1.0")).get("layer1.0");
        assertTrue(block.pays(), block::toString);
        assertEquals(2, block.before().layers());
        assertEquals(1, block.after().layers());
        assertTrue(block.after().macs() > block.before().macs(), "a 5×5 conv costs ~1.4× two 3×3s");
    }

    @Test
    void anAttentionHalfDoesNotPayAndAnMlpHalfDoes() {
        Map<String, MergePayoff> p = payoffs("deit", Map.of("depth", 2, "dim", 32, "heads", 2, "patch", 7),
                List.of("blocks.1.attn", "blocks.1.mlp"));
        assertFalse(p.get("blocks.1.attn").pays(), p.get("blocks.1.attn")::toString);
        assertTrue(p.get("blocks.1.mlp").pays(), p.get("blocks.1.mlp")::toString);
    }

    /** Found by CheckImpliesDryRunPropertyTest: check crashed on a model whose merged 5×5 kernels exceed one array. */
    @Test
    void aBlockWhoseMergedKernelWouldNotFitAnArrayIsLeftOutNotACrash() {
        Map<String, MergePayoff> p = payoffs("resnet", Map.of("widths", List.of(14988, 28, 28, 28)),
                List.of("layer1.1", "layer2.1"));
        MergePayoff wide = p.get("layer1.1");
        assertFalse(wide.pays(), wide::toString);
        assertTrue(wide.describe().contains("larger than one array holds"), wide.describe());
        assertTrue(p.get("layer2.1").pays(), "a narrow block is judged on its own: " + p.get("layer2.1"));
    }
}
