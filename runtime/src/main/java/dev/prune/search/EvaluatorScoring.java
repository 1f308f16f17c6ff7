package dev.prune.search;

import dev.prune.data.DataException;
import dev.prune.train.Evaluation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks sets by an evaluator's top-1 or minus its loss, and keeps each set's top-1 for the log. */
public final class EvaluatorScoring implements CandidateScoring {

    private final SupernetEvaluator evaluator;
    private final boolean byLoss;
    private final Map<List<String>, Double> top1 = new HashMap<>();

    public EvaluatorScoring(SupernetEvaluator evaluator, boolean byLoss) {
        this.evaluator = evaluator;
        this.byLoss = byLoss;
    }

    @Override
    public double[] scoreAll(List<List<String>> sets) {
        List<Evaluation> evaluations;
        try {
            evaluations = evaluator.evaluate(sets);
        } catch (DataException e) {
            throw new IllegalStateException(e);
        }
        double[] scores = new double[sets.size()];
        for (int i = 0; i < scores.length; i++) {
            Evaluation evaluation = evaluations.get(i);
            top1.put(sets.get(i), evaluation.top1());
            scores[i] = byLoss ? -evaluation.meanLoss() : evaluation.top1();
        }
        return scores;
    }

    @Override
    public String describe() {
        return evaluator.describe();
    }

    public double top1(List<String> set) {
        return top1.get(set);
    }
}
