package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes every BatchNorm's running statistics for one configuration of the network (one candidate set of
 * pruned blocks), as one-shot search does before scoring a candidate: statistics shared by all candidates
 * describe none of them. The result is the plain average of the batches' means and variances (PyTorch's
 * cumulative average, {@code momentum=None}), from zero, so it does not depend on what ran before.
 *
 * <p>Each batch runs in TRAIN mode with the running statistics set to zero, so that afterwards they hold
 * {@code m · (batch statistic)}, m being the engine's momentum; dividing by m gives the batch's own. No
 * gradient is recorded and no weight changes.
 */
public final class BatchNormRecalibration {

    private BatchNormRecalibration() {
    }

    /** @return how many batches were used */
    public static int recompute(GraphModule module, Batches batches, LambdaPolicy lambdas) throws DataException {
        List<NDArray[]> statistics = new ArrayList<>(); // {running mean, running var} per BatchNorm
        for (Node node : module.graph().nodes()) {
            if (node.op() == Op.BATCH_NORMALIZATION) {
                statistics.add(new NDArray[] {module.array(node.inputs().get(3)), module.array(node.inputs().get(4))});
            }
        }
        if (statistics.isEmpty()) {
            return 0;
        }
        double momentum = GraphModule.batchNormMomentum();
        List<float[][]> sums = new ArrayList<>();
        for (NDArray[] pair : statistics) {
            sums.add(new float[][] {new float[(int) pair[0].size()], new float[(int) pair[1].size()]});
        }
        BatchArrays arrays = new BatchArrays();
        int count = 0;
        try (NDManager manager = NDManager.newBaseManager(statistics.get(0)[0].getDevice())) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                for (NDArray[] pair : statistics) {
                    pair[0].subi(pair[0]);
                    pair[1].subi(pair[1]);
                }
                try (NDManager step = manager.newSubManager()) {
                    NDList xy = arrays.toArrays(batch, step);
                    module.forward(step, xy.get(0), Mode.TRAIN, lambdas);
                }
                for (int i = 0; i < statistics.size(); i++) {
                    for (int k = 0; k < 2; k++) {
                        float[] running = statistics.get(i)[k].toFloatArray();
                        float[] sum = sums.get(i)[k];
                        for (int c = 0; c < sum.length; c++) {
                            sum[c] += (float) (running[c] / momentum);
                        }
                    }
                }
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no batch to recalibrate BatchNorm on");
        }
        for (int i = 0; i < statistics.size(); i++) {
            for (int k = 0; k < 2; k++) {
                float[] sum = sums.get(i)[k];
                for (int c = 0; c < sum.length; c++) {
                    sum[c] /= count;
                }
                statistics.get(i)[k].set(sum);
            }
        }
        return count;
    }
}
