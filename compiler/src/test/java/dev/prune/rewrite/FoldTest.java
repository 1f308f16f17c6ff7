package dev.prune.rewrite;

import static dev.prune.rewrite.AlgebraFixtures.batchNorm;
import static dev.prune.rewrite.AlgebraFixtures.conv;
import static dev.prune.rewrite.AlgebraFixtures.linear;
import static dev.prune.rewrite.AlgebraFixtures.random;
import static dev.prune.rewrite.AlgebraFixtures.randomConv;
import static dev.prune.rewrite.AlgebraFixtures.randomStats;
import static dev.prune.rewrite.AlgebraFixtures.run;
import static dev.prune.rewrite.TestModels.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The folds of per-channel affine maps, each checked numerically with random BatchNorm statistics. */
class FoldTest {

    private final Random r = new Random(42);

    @Test
    void batchNormFoldsIntoThePrecedingConvIncludingGroupedAndPadded() {
        Tensor x = random(r, 2, 6, 13, 13);
        for (int group : new int[] {1, 3, 6}) {
            KernelBias kb = randomConv(r, 6, 6 / group, 3);
            Tensor[] stats = randomStats(r, 6);
            KernelBias folded = MergeAlgebra.foldAfter(kb, bn(stats));
            double error = relativeError(run(x, conv(kb, group, 2, 1), batchNorm(stats)), run(x, conv(folded, group, 2, 1)));
            assertTrue(error < 1e-6, "group " + group + ": " + error);
        }
    }

    @Test
    void batchNormFoldsIntoTheFollowingUnpaddedConvButNotAPaddedOne() {
        Tensor x = random(r, 1, 4, 11, 11);
        KernelBias kb = randomConv(r, 5, 4, 3);
        Tensor[] stats = randomStats(r, 4);
        KernelBias folded = MergeAlgebra.foldBefore(kb, 1, bn(stats));
        assertTrue(relativeError(run(x, batchNorm(stats), conv(kb, 1, 1, 0)), run(x, conv(folded, 1, 1, 0))) < 1e-6);
        // With padding the border pixels see 0 instead of BN(0): the law does not hold there, and the rule refuses.
        assertTrue(relativeError(run(x, batchNorm(stats), conv(kb, 1, 1, 1)), run(x, conv(folded, 1, 1, 1))) > 1e-3);
    }

    @Test
    void batchNormFoldsIntoTheFollowingDepthwiseConv() {
        Tensor x = random(r, 1, 4, 9, 9);
        KernelBias kb = randomConv(r, 8, 1, 3);
        Tensor[] stats = randomStats(r, 4);
        KernelBias folded = MergeAlgebra.foldBefore(kb, 4, bn(stats));
        assertTrue(relativeError(run(x, batchNorm(stats), conv(kb, 4, 1, 0)), run(x, conv(folded, 4, 1, 0))) < 1e-6);
    }

    @Test
    void batchNormFoldsIntoLinearOnEitherSide() {
        Tensor x = random(r, 3, 7);
        KernelBias kb = new KernelBias(random(r, 5, 7), random(r, 5));
        Tensor[] after = randomStats(r, 5);
        Tensor[] before = randomStats(r, 7);
        assertTrue(relativeError(run(x, linear(kb), batchNorm(after)), run(x, linear(MergeAlgebra.foldAfter(kb, bn(after))))) < 1e-6);
        assertTrue(relativeError(run(x, batchNorm(before), linear(kb)),
                run(x, linear(MergeAlgebra.foldBefore(kb, 1, bn(before))))) < 1e-6);
    }

    @Test
    void layerScaleIsAnAffineMapWithoutShift() {
        KernelBias kb = randomConv(r, 3, 2, 1);
        Tensor gamma = random(r, 3);
        KernelBias folded = MergeAlgebra.foldAfter(kb, MergeAlgebra.scale(gamma));
        assertEquals(kb.kernel().get(0) * gamma.get(0), folded.kernel().get(0), 1e-6);
        assertEquals(kb.bias().get(2) * gamma.get(2), folded.bias().get(2), 1e-6);
    }

    @Test
    void placeholdersGiveShapesOnly() {
        KernelBias kb = new KernelBias(Tensor.placeholder(8, 4, 3, 3), Tensor.placeholder(8));
        KernelBias folded = MergeAlgebra.foldAfter(kb, MergeAlgebra.batchNorm(Tensor.placeholder(8),
                Tensor.placeholder(8), Tensor.placeholder(8), Tensor.placeholder(8), 1e-5));
        assertFalse(folded.hasData());
        assertEquals(kb.kernel().staticShape(), folded.kernel().staticShape());
    }

    private static ChannelAffine bn(Tensor[] s) {
        return MergeAlgebra.batchNorm(s[0], s[1], s[2], s[3], 1e-5);
    }
}
