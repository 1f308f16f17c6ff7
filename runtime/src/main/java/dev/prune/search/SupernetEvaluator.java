package dev.prune.search;

import dev.prune.data.DataException;
import dev.prune.train.Evaluation;
import java.util.List;

/**
 * Evaluates candidate sets on the trained supernet (each set's blocks at λ = 1, the other candidates at
 * λ = 0), on the search's scoring batches: in this process ({@link LocalSupernetEvaluator}) or as tasks on
 * a cluster (the Spark module). Evaluations come back in the order of the sets.
 */
public interface SupernetEvaluator extends AutoCloseable {

    List<Evaluation> evaluate(List<List<String>> sets) throws DataException;

    /** Where the evaluations run, for the log. */
    String describe();

    @Override
    void close();
}
