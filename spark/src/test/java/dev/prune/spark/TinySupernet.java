package dev.prune.spark;

import dev.prune.data.Batch;
import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.rewrite.Transform;
import dev.prune.search.BlockCost;
import dev.prune.search.SearchSpace;
import dev.prune.search.SupernetInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A supernet small enough for tests and shaped like the real ones: an MLP on 28 × 28 images whose residual
 * blocks each end in a Blend of the block (λ = 0) and its pruned form, the identity (λ = 1). Weights,
 * images and labels are seeded random numbers: the tests compare scores between executors, not accuracy.
 */
final class TinySupernet {

    private TinySupernet() {
    }

    static SupernetInputs inputs(int blocks, int width, int batches, int batchSize) {
        Random random = new Random(7);
        GraphBuilder g = new GraphBuilder("tiny_supernet");
        String x = g.node(Op.FLATTEN, "flatten", List.of(g.input("input", Shape.of(Shape.DYNAMIC, 1, 28, 28))),
                Attributes.builder().put("axis", 1).build());
        x = linear(g, "stem", x, 784, width, random);
        x = g.node(Op.RELU, "stem_relu", List.of(x));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            String name = "blocks." + i;
            names.add(name);
            String body = g.node(Op.RELU, name + ".relu", List.of(linear(g, name + ".fc", x, width, width, random)));
            String kept = g.node(Op.ADD, name + ".add", List.of(x, body));
            x = g.node(Op.BLEND, name + ".blend", List.of(kept, x),
                    Attributes.builder().put(Transform.LAMBDA, 0f).put(Transform.BLOCK, name).build());
        }
        g.output(linear(g, "head", x, width, 10, random));
        List<Batch> data = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] images = new float[batchSize * 784];
            for (int i = 0; i < images.length; i++) {
                images[i] = random.nextFloat();
            }
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = random.nextInt(10);
            }
            data.add(new Batch(images, labels, new int[] {batchSize, 1, 28, 28}));
        }
        return new SupernetInputs(g.build(), names, data);
    }

    /** Choose {@code prune} of the blocks; pruning block i saves i + 1 units, so no two sets of one size cost the same. */
    static SearchSpace space(List<String> blocks, int prune) {
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            costs.put(blocks.get(i), new BlockCost(blocks.get(i), 1000, 1000 - (1L << i), 100, 90));
        }
        return new SearchSpace(blocks, prune, prune, 100_000, 10_000, costs, List.of());
    }

    private static String linear(GraphBuilder g, String name, String x, int in, int out, Random random) {
        float scale = (float) Math.sqrt(2.0 / in);
        String w = g.trainable(name + ".weight", Tensor.generate(i -> random.nextGaussian() * scale, out, in));
        String b = g.trainable(name + ".bias", Tensor.generate(i -> random.nextGaussian() * 0.1, out));
        return g.node(Op.GEMM, name, List.of(x, w, b), Attributes.builder().put("transB", 1).build());
    }
}
