package dev.prune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormRecalibrationTest {

    private static final List<Batch> BATCHES = Synthetic.batches(2, 16, 5);

    private static Node firstBatchNorm(Graph graph) {
        return graph.nodes().stream().filter(n -> n.op() == Op.BATCH_NORMALIZATION).findFirst().orElseThrow();
    }

    private static float[][] recalibrated(GraphModule module, List<Batch> batches) throws Exception {
        BatchNormRecalibration.recompute(module, Batches.of(batches), LambdaPolicy.asBuilt());
        Node bn = firstBatchNorm(module.graph());
        return new float[][] {module.array(bn.inputs().get(3)).toFloatArray(), module.array(bn.inputs().get(4)).toFloatArray()};
    }

    /**
     * The statistics are the plain average of each batch's own (PyTorch's momentum=None), whatever the running
     * statistics held before: over two batches, the mean of what each batch alone gives.
     */
    @Test
    void theStatisticsAreTheAverageOfTheBatchesWhateverCameBefore() throws Exception {
        Graph graph = Synthetic.resnet();
        try (NDManager manager = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, manager)) {
            Node bn = firstBatchNorm(graph);
            float[] before = module.array(bn.inputs().get(3)).toFloatArray();
            float[][] first = recalibrated(module, BATCHES.subList(0, 1));
            float[][] second = recalibrated(module, BATCHES.subList(1, 2));
            module.array(bn.inputs().get(3)).addi(7f); // what ran before must not matter
            float[][] both = recalibrated(module, BATCHES);
            for (int k = 0; k < 2; k++) {
                float[] expected = new float[both[k].length];
                for (int c = 0; c < expected.length; c++) {
                    expected[c] = (first[k][c] + second[k][c]) / 2;
                }
                assertArrayEquals(expected, both[k], 1e-4f, k == 0 ? "running mean" : "running var");
            }
            assertNotEquals(before[0], both[0][0], "the shared statistics were replaced");
        }
    }

    /** Only statistics change: every trainable weight is left as it was. */
    @Test
    void weightsAreLeftAlone() throws Exception {
        Graph graph = Synthetic.resnet();
        try (NDManager manager = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, manager)) {
            String name = module.trainableNames().get(0);
            float[] before = module.array(name).toFloatArray();
            assertEquals(2, BatchNormRecalibration.recompute(module, Batches.of(BATCHES), LambdaPolicy.asBuilt()));
            assertArrayEquals(before, module.array(name).toFloatArray(), 0f);
        }
    }
}
