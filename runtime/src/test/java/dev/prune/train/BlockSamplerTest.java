package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.plan.SamplerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sample uniform(p: P)} and {@code sample exact}: what the supernet's steps prune. */
class BlockSamplerTest {

    private static final List<String> BLOCKS = List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");

    private static int pruned(Map<String, Float> lambdas) {
        return (int) lambdas.values().stream().filter(l -> l == 1f).count();
    }

    @Test
    void uniformPrunesEachBlockWithProbabilityP() {
        for (double p : List.of(0.0, 1.0)) {
            BlockSampler sampler = new BlockSampler(new SamplerSpec(SamplerSpec.Kind.UNIFORM, p), BLOCKS, 2, 7);
            for (long step = 0; step < 50; step++) {
                assertEquals(p == 0 ? 0 : BLOCKS.size(), pruned(sampler.sample(step)), "p " + p);
            }
        }
        // p = 0.25 over 400 steps × 8 blocks: 800 expected; 5 standard deviations (~61) either side.
        BlockSampler quarter = new BlockSampler(new SamplerSpec(SamplerSpec.Kind.UNIFORM, 0.25), BLOCKS, 2, 7);
        int total = 0;
        for (long step = 0; step < 400; step++) {
            total += pruned(quarter.sample(step));
        }
        assertTrue(Math.abs(total - 800) < 5 * Math.sqrt(3200 * 0.25 * 0.75), "pruned " + total + " of 3200");
    }

    @Test
    void exactPrunesAsManyBlocksAsTheSpaceEveryStep() {
        BlockSampler sampler = new BlockSampler(new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN), BLOCKS, 3, 7);
        for (long step = 0; step < 50; step++) {
            assertEquals(3, pruned(sampler.sample(step)));
        }
        assertEquals(sampler.sample(5), new BlockSampler(new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN), BLOCKS, 3, 7).sample(5),
                "a pure function of (seed, step)");
    }
}
