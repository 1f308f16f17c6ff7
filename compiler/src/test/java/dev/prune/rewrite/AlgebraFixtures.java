package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.util.List;
import java.util.Random;

/** Tiny graphs around the algebra's functions, run by the reference evaluator. */
final class AlgebraFixtures {

    private AlgebraFixtures() {
    }

    static Tensor random(Random r, int... shape) {
        return Tensor.generate(i -> r.nextGaussian(), shape);
    }

    static Tensor uniform(Random r, double lo, double hi, int... shape) {
        return Tensor.generate(i -> lo + (hi - lo) * r.nextDouble(), shape);
    }

    static KernelBias randomConv(Random r, int out, int inPerGroup, int k) {
        return new KernelBias(random(r, out, inPerGroup, k, k), random(r, out));
    }

    /** A graph building step on a value: returns the new value. */
    interface Step {
        String apply(GraphBuilder b, String x, int index);
    }

    static Step conv(KernelBias kb, int group, int stride, int pad) {
        return (b, x, i) -> {
            String w = b.trainable("c" + i + ".weight", kb.kernel());
            String bias = b.trainable("c" + i + ".bias", kb.bias());
            int[] k = kb.kernel().shape();
            return b.node(Op.CONV, "c" + i, List.of(x, w, bias), Attributes.builder().putInts("kernel_shape", k[2], k[3])
                    .putInts("strides", stride, stride).putInts("pads", pad, pad, pad, pad).putInts("dilations", 1, 1)
                    .put("group", group).build());
        };
    }

    static Step linear(KernelBias kb) {
        return (b, x, i) -> b.node(Op.GEMM, "l" + i, List.of(x, b.trainable("l" + i + ".weight", kb.kernel()),
                b.trainable("l" + i + ".bias", kb.bias())), Attributes.builder().put("transB", 1).build());
    }

    /** BatchNorm with the given statistics (γ, β, μ, σ²). */
    static Step batchNorm(Tensor[] stats) {
        return (b, x, i) -> b.node(Op.BATCH_NORMALIZATION, "bn" + i, List.of(x, b.trainable("bn" + i + ".weight", stats[0]),
                b.trainable("bn" + i + ".bias", stats[1]), b.buffer("bn" + i + ".running_mean", stats[2]),
                b.buffer("bn" + i + ".running_var", stats[3])), Attributes.builder().put("epsilon", 1e-5f).build());
    }

    static Tensor[] randomStats(Random r, int c) {
        return new Tensor[] {uniform(r, 0.5, 1.5, c), random(r, c), Tensor.generate(i -> 0.5 * r.nextGaussian(), c),
            uniform(r, 0.5, 2, c)};
    }

    /** Adds the input to the last value: the residual. */
    static Step plusInput() {
        return (b, x, i) -> b.node(Op.ADD, "add" + i, List.of(x, "x"));
    }

    static Tensor run(Tensor input, Step... steps) {
        GraphBuilder b = new GraphBuilder("g");
        String x = b.input("x", Shape.of(input.shape()));
        for (int i = 0; i < steps.length; i++) {
            x = steps[i].apply(b, x, i);
        }
        Graph g = b.output(x).build();
        return Evaluator.run(g, input);
    }
}
