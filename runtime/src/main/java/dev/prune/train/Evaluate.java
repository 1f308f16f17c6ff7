package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.prune.data.Batch;
import dev.prune.data.BatchArrays;
import dev.prune.data.DataException;
import dev.prune.engine.GraphModule;
import dev.prune.engine.LambdaPolicy;
import dev.prune.engine.Mode;

/**
 * Scores a module in EVAL mode (BatchNorm's running statistics, nothing updated). No gradient collector is
 * open, so PyTorch records no graph.
 */
public final class Evaluate {

    private Evaluate() {
    }

    public static double top1(GraphModule module, Batches batches, LambdaPolicy lambdas) throws DataException {
        return run(module, batches, lambdas).top1();
    }

    /** Whether each example, in the batches' order, was classified right: for paired tests between two models. */
    public static boolean[] correctness(GraphModule module, Batches batches, LambdaPolicy lambdas) throws DataException {
        java.util.List<Boolean> out = new java.util.ArrayList<>();
        eachBatch(module, batches, lambdas, (logits, labels, batch) -> {
            long[] predicted = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
            long[] truth = labels.toType(DataType.INT64, false).toLongArray();
            for (int i = 0; i < predicted.length; i++) {
                out.add(predicted[i] == truth[i]);
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: the batches were empty");
        }
        boolean[] correct = new boolean[out.size()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = out.get(i);
        }
        return correct;
    }

    public static Evaluation run(GraphModule module, Batches batches, LambdaPolicy lambdas) throws DataException {
        Loss loss = Loss.crossEntropy();
        long[] examples = {0};
        long[] correct = {0};
        double[] lossSum = {0};
        eachBatch(module, batches, lambdas, (logits, labels, batch) -> {
            correct[0] += Loss.correct(logits, labels);
            lossSum[0] += loss.perExample(logits, labels).sum().getFloat();
            examples[0] += batch.size();
        });
        if (examples[0] == 0) {
            throw new IllegalArgumentException("nothing to evaluate: the batches were empty");
        }
        return new Evaluation((double) correct[0] / examples[0], lossSum[0] / examples[0], examples[0]);
    }

    /** What is taken from one batch's logits and labels, while the batch's native memory is still open. */
    private interface PerBatch {
        void accept(NDArray logits, NDArray labels, Batch batch);
    }

    /** Runs the module forward in EVAL mode over every batch, each in a native memory scope of its own. */
    private static void eachBatch(GraphModule module, Batches batches, LambdaPolicy lambdas, PerBatch perBatch) throws DataException {
        BatchArrays arrays = new BatchArrays();
        NDArray any = module.array(module.graph().parameters().keySet().iterator().next());
        try (NDManager manager = NDManager.newBaseManager(any.getDevice())) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (NDManager step = manager.newSubManager()) {
                    NDList xy = arrays.toArrays(batch, step);
                    perBatch.accept(module.forward(step, xy.get(0), Mode.EVAL, lambdas), xy.get(1), batch);
                }
            }
        }
    }
}
