package dev.prune.spark;

import dev.prune.train.Evaluation;
import java.io.Serializable;
import java.util.List;

/** Sets and their evaluations as they travel between the driver and the executors, numbered so the driver can restore their order. */
final class ScoredSet {

    private ScoredSet() {
    }

    record Input(int index, List<String> blocks) implements Serializable {

        Input {
            blocks = List.copyOf(blocks);
        }
    }

    record Output(int index, double top1, double meanLoss, long examples) implements Serializable {

        Evaluation evaluation() {
            return new Evaluation(top1, meanLoss, examples);
        }
    }
}
