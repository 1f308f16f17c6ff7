package dev.prune.train;

import dev.prune.plan.SamplerSpec;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Node;
import dev.prune.rewrite.Transform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The supernet's draw of which candidate blocks are pruned at a step: λ = 1 (pruned form) or 0 (baseline)
 * per block. The draw is a pure function of (seed, step), so a resumed run draws what the uninterrupted
 * one would have, and a checkpoint needs no random-generator state.
 */
public final class BlockSampler {

    private final SamplerSpec spec;
    private final List<String> candidates;
    private final int prune;
    private final long seed;

    /**
     * @param candidates the blocks transformed in the supernet (Blend nodes name theirs in attribute {@code block})
     * @param prune      how many blocks the space prunes; {@link SamplerSpec.Kind#EXACT} draws that many
     */
    public BlockSampler(SamplerSpec spec, List<String> candidates, int prune, long seed) {
        if (spec.kind() == SamplerSpec.Kind.EXACT && (prune < 0 || prune > candidates.size())) {
            throw new IllegalArgumentException("cannot prune " + prune + " of " + candidates.size() + " candidate blocks");
        }
        this.spec = spec;
        this.candidates = List.copyOf(candidates);
        this.prune = prune;
        this.seed = seed;
    }

    /** λ by block for one step, in the candidates' order. */
    public Map<String, Float> sample(long step) {
        Random random = new Random(mix(seed, step));
        Map<String, Float> lambdas = new LinkedHashMap<>();
        if (spec.kind() == SamplerSpec.Kind.UNIFORM) {
            candidates.forEach(block -> lambdas.put(block, random.nextDouble() < spec.p() ? 1f : 0f));
        } else {
            List<String> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            candidates.forEach(block -> lambdas.put(block, shuffled.indexOf(block) < prune ? 1f : 0f));
        }
        return lambdas;
    }

    /**
     * A policy from λ by block. A Blend of a block the map does not name is an error rather than a silent
     * baseline: it means the supernet and the sampler disagree on the candidates.
     */
    public static LambdaPolicy policy(Map<String, Float> lambdaByBlock) {
        return (Node blend) -> {
            String block = blend.attributes().getString(Transform.BLOCK, "");
            Float lambda = lambdaByBlock.get(block);
            if (lambda == null) {
                throw new IllegalStateException("Blend " + blend.name() + " belongs to block '" + block + "', which the sample "
                        + lambdaByBlock.keySet() + " does not name");
            }
            return lambda;
        };
    }

    /** SplitMix64's finaliser over (seed, step): nearby steps give unrelated generators. */
    private static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
