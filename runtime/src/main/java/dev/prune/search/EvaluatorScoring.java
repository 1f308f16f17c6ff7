package dev.prune.search;

import dev.prune.data.DataException;
import dev.prune.train.Evaluation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks sets by an evaluator's top-1 or minus its loss, and keeps each set's evaluation for the log. */
public final class EvaluatorScoring implements CandidateScoring {

    private final SupernetEvaluator evaluator;
    private final boolean byLoss;
    private final Map<List<String>, Evaluation> evaluations = new HashMap<>();

    public EvaluatorScoring(SupernetEvaluator evaluator, boolean byLoss) {
        this.evaluator = evaluator;
        this.byLoss = byLoss;
    }

    @Override
    public double[] scoreAll(List<List<String>> sets) {
        List<Evaluation> results;
        try {
            results = evaluator.evaluate(sets);
        } catch (DataException e) {
            throw new IllegalStateException(e);
        }
        double[] scores = new double[sets.size()];
        for (int i = 0; i < scores.length; i++) {
            Evaluation evaluation = results.get(i);
            evaluations.put(sets.get(i), evaluation);
            // The search maximises: a lower loss is a better score.
            scores[i] = byLoss ? -evaluation.meanLoss() : evaluation.top1();
        }
        return scores;
    }

    @Override
    public String describe() {
        return evaluator.describe();
    }

    /** What a scored set was scored from. */
    public Evaluation evaluation(List<String> set) {
        return evaluations.get(set);
    }
}
