package dev.prune.rewrite;

import static dev.prune.rewrite.AlgebraFixtures.conv;
import static dev.prune.rewrite.AlgebraFixtures.linear;
import static dev.prune.rewrite.AlgebraFixtures.plusInput;
import static dev.prune.rewrite.AlgebraFixtures.random;
import static dev.prune.rewrite.AlgebraFixtures.randomConv;
import static dev.prune.rewrite.AlgebraFixtures.run;
import static dev.prune.rewrite.TestModels.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** conv∘conv, linear∘linear, group expansion and the identity kernel, on odd sizes so that borders count. */
class ComposeTest {

    private final Random r = new Random(7);

    @Test
    void convComposesExactlyWithThePaddingAtTheFront() {
        Tensor x = random(r, 2, 3, 13, 13);
        KernelBias a = randomConv(r, 4, 3, 3);
        KernelBias b = randomConv(r, 5, 4, 3);
        ConvLayer c = MergeAlgebra.composeConv(new ConvLayer(a, 1, 1, 1), new ConvLayer(b, 1, 1, 1));
        assertArrayEquals(new int[] {5, 3, 5, 5}, c.weights().kernel().shape());
        Tensor chain = run(x, conv(a, 1, 1, 2), conv(b, 1, 1, 0));
        assertTrue(relativeError(chain, run(x, conv(c.weights(), 1, 1, 2))) < 1e-6);
        // The padding left on the second conv would be a different function at the borders.
        assertTrue(relativeError(run(x, conv(a, 1, 1, 1), conv(b, 1, 1, 1)), chain) > 1e-3);
    }

    @Test
    void stridedFirstConvDilatesTheSecondKernel() {
        Tensor x = random(r, 1, 2, 15, 15);
        KernelBias a = randomConv(r, 3, 2, 3);
        KernelBias b = randomConv(r, 4, 3, 3);
        ConvLayer c = MergeAlgebra.composeConv(new ConvLayer(a, 1, 2, 2), new ConvLayer(b, 1, 1, 1));
        assertArrayEquals(new int[] {4, 2, 7, 7}, c.weights().kernel().shape());
        assertEquals(2, c.strideH());
        assertTrue(relativeError(run(x, conv(a, 1, 2, 3), conv(b, 1, 1, 0)), run(x, conv(c.weights(), 1, 2, 3))) < 1e-6);
    }

    @Test
    void depthwiseChainsStayDepthwiseAndMixedOnesExpand() {
        Tensor x = random(r, 1, 4, 11, 11);
        KernelBias dw1 = randomConv(r, 4, 1, 3);
        KernelBias dw2 = randomConv(r, 4, 1, 3);
        ConvLayer dd = MergeAlgebra.composeConv(new ConvLayer(dw1, 4, 1, 1), new ConvLayer(dw2, 4, 1, 1));
        assertEquals(4, dd.group());
        assertTrue(relativeError(run(x, conv(dw1, 4, 1, 2), conv(dw2, 4, 1, 0)), run(x, conv(dd.weights(), 4, 1, 2))) < 1e-6);

        // MobileNetV2's pw → dw → pw becomes one dense 3×3.
        KernelBias pw1 = randomConv(r, 12, 4, 1);
        KernelBias dw = randomConv(r, 12, 1, 3);
        KernelBias pw2 = randomConv(r, 4, 12, 1);
        ConvLayer c = MergeAlgebra.composeConv(MergeAlgebra.composeConv(new ConvLayer(pw1, 1, 1, 1),
                new ConvLayer(dw, 12, 1, 1)), new ConvLayer(pw2, 1, 1, 1));
        assertEquals(1, c.group());
        assertArrayEquals(new int[] {4, 4, 3, 3}, c.weights().kernel().shape());
        assertTrue(relativeError(run(x, conv(pw1, 1, 1, 1), conv(dw, 12, 1, 0), conv(pw2, 1, 1, 0)),
                run(x, conv(c.weights(), 1, 1, 1))) < 1e-6);
    }

    @Test
    void groupExpansionIsTheSameConvolution() {
        Tensor x = random(r, 1, 6, 7, 7);
        KernelBias g = randomConv(r, 6, 2, 3);
        KernelBias dense = new KernelBias(MergeAlgebra.expandGroups(g.kernel(), 3), g.bias());
        assertTrue(relativeError(run(x, conv(g, 3, 1, 1)), run(x, conv(dense, 1, 1, 1))) < 1e-6);
    }

    @Test
    void theSkipIsAnIdentityKernelAtTheCentreTap() {
        Tensor x = random(r, 1, 5, 9, 9);
        KernelBias k = randomConv(r, 5, 5, 5);
        assertTrue(relativeError(run(x, conv(k, 1, 1, 2), plusInput()),
                run(x, conv(MergeAlgebra.addIdentity(k, 1), 1, 1, 2))) < 1e-6);
        KernelBias dw = randomConv(r, 5, 1, 3);
        assertTrue(relativeError(run(x, conv(dw, 5, 1, 1), plusInput()),
                run(x, conv(MergeAlgebra.addIdentity(dw, 5), 5, 1, 1))) < 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MergeAlgebra.addIdentity(randomConv(r, 4, 5, 3), 1));
    }

    @Test
    void linearsComposeOnTokensAndTakeTheSkipAsWPlusI() {
        Tensor x = random(r, 2, 5, 6);
        KernelBias fc1 = new KernelBias(random(r, 24, 6), random(r, 24));
        KernelBias fc2 = new KernelBias(random(r, 6, 24), random(r, 6));
        KernelBias both = MergeAlgebra.composeLinear(fc1, fc2);
        assertTrue(relativeError(run(x, linear(fc1), linear(fc2), plusInput()),
                run(x, linear(MergeAlgebra.addIdentity(both, 1)))) < 1e-6);
    }

    @Test
    void segmentationsEnumerateEveryCut() {
        assertEquals(4, ComposeRules.segmentations(java.util.List.of(node("a"), node("b"), node("c"))).size());
    }

    private static dev.prune.ir.Node node(String name) {
        return new dev.prune.ir.Node(name, dev.prune.ir.Op.IDENTITY, java.util.List.of("x"), java.util.List.of(name),
                dev.prune.ir.Attributes.empty());
    }
}
