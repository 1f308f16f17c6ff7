package dev.prune.run;

import dev.prune.data.Batch;
import dev.prune.data.BatchLoader;
import dev.prune.data.DataException;
import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.plan.NamedSplit;
import dev.prune.plan.SearchPlan;
import dev.prune.plan.SpacePlan;
import dev.prune.plan.Stage;
import dev.prune.report.CandidateLine;
import dev.prune.report.MetricsLog;
import dev.prune.search.BlockCost;
import dev.prune.search.Candidate;
import dev.prune.search.CandidateScoring;
import dev.prune.search.EvaluatorScoring;
import dev.prune.search.Search;
import dev.prune.search.SearchResult;
import dev.prune.search.SearchSpace;
import dev.prune.search.SupernetEvaluator;
import dev.prune.train.Batches;
import dev.prune.train.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search: which blocks to prune, each candidate set scored with the supernet's (or the baseline's)
 * weights on the split and by the metric the spec names ({@code score top1|loss on val|train}), within the
 * space's budgets. Every scored set is a line of {@code candidates.jsonl}. The sets are scored in this process
 * or as Spark tasks ({@link SearchExecutor}); either way the scores come back in the order of the sets, so
 * the choice is the same.
 */
final class SearchStage {

    private SearchStage() {
    }

    static StageDone.Search run(RunContext context) throws IOException, DataException, RunFailure {
        Stage stage = context.stage("search");
        SearchPlan plan = context.plan().search();
        List<String> candidates = context.plan().space().candidates();
        Graph graph = context.transform().apply(context.trainedBaseline(), candidates, 0.0);
        if (context.has("supernet")) {
            graph = Weights.apply(graph, Weights.read(context.weights(context.stage("supernet"))));
        }
        LatencyBudget latency = latencyBudget(context, stage);
        SearchSpace space = CostMatch.restrict(searchSpace(context, candidates, latency), stage, context);
        int recalibration = plan.recalibrate().orElse(0);
        long seed = context.seed(plan.seed());
        String metric = plan.score().id() + " on " + plan.split().id();
        context.progress().info(candidates.size() + " candidate blocks, " + space.size() + " possible sets; strategy "
                + plan.strategy().id() + ", scored by " + metric);
        SearchResult result;
        EvaluatorScoring scoring;
        int maxBatches = plan.batches().orElse(Integer.MAX_VALUE);
        try (SupernetEvaluator evaluator = SearchExecutor.open(context, graph, candidates,
                () -> Batches.of(batches(context, plan.split())).first(maxBatches),
                // The same training batches for every candidate: a fair comparison.
                recalibration > 0 ? () -> context.recalibrationBatches(recalibration) : null)) {
            scoring = new EvaluatorScoring(evaluator, plan.score() == SearchPlan.Score.LOSS);
            context.progress().info("scoring " + scoring.describe());
            try {
                result = search(plan.strategy(), space, scoring, seed);
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof DataException data) {
                    throw data;
                }
                throw new RunFailure("search: " + e.getMessage(), e);
            }
        }
        try (MetricsLog log = MetricsLog.open(context.layout().stage(stage).resolve("candidates.jsonl"))) {
            for (Candidate c : result.scored()) {
                Evaluation e = scoring.evaluation(c.blocks());
                Double ms = latency == null ? null : latency.latencyMs(c.blocks());
                double score = plan.score() == SearchPlan.Score.LOSS ? e.meanLoss() : e.top1();
                log.append(new CandidateLine(c.blocks(), c.macs(), c.params(), score, plan.score().id(), plan.split().id(), ms,
                        c.equals(result.best())));
            }
        }
        Evaluation best = scoring.evaluation(result.best().blocks());
        // The binomial standard error of a top-1 measured on n examples: how far apart two scores must be to mean anything.
        double standardError = Math.sqrt(best.top1() * (1 - best.top1()) / best.examples());
        context.progress().info(String.format(Locale.ROOT, "%d sets scored by %s; chosen %s (top-1 %.2f%% ± %.2f points (standard error)"
                        + " on %d examples, loss %.4f on %s%s, %.1f%% of the baseline's MACs; the validation split has %d)",
                result.scored().size(), metric, result.best().blocks(), 100 * best.top1(), 100 * standardError, best.examples(),
                best.meanLoss(), plan.split().id(),
                recalibration > 0 ? ", BatchNorm recalibrated on " + recalibration + " batches" : "",
                100.0 * result.best().macs() / space.baselineMacs(), context.data().valSize()));
        return new StageDone.Search(result.best().blocks(), plan.score().id(), plan.split().id(), best.top1(), best.meanLoss(),
                result.scored().size(), best.examples(), standardError, context.data().valSize(),
                result.best().macs());
    }

    private static SearchResult search(SearchPlan.Strategy strategy, SearchSpace space, CandidateScoring scorer, long seed) {
        if (strategy instanceof SearchPlan.Strategy.Evolution e) {
            return Search.evolution(space, scorer, e.population(), e.generations(), e.mutation(), seed);
        }
        if (strategy instanceof SearchPlan.Strategy.RandomDraw r) {
            return Search.random(space, scorer, r.population(), seed);
        }
        return Search.exhaustive(space, scorer);
    }

    /** The split a candidate is scored on, in order and without augmentation. */
    private static BatchLoader batches(RunContext context, NamedSplit split) {
        return split == NamedSplit.TRAIN ? context.data().trainInOrder() : context.data().valBatches();
    }

    private static LatencyBudget latencyBudget(RunContext context, Stage stage) throws IOException, DataException {
        List<SpacePlan.Budget> bounds = LatencyBudget.bounds(context.plan().space().where());
        if (bounds.isEmpty()) {
            return null;
        }
        Graph baselineWeights = context.trainedBaseline();
        Batch sample = context.firstValBatch();
        LatencyBudget latency = new LatencyBudget(bounds, blocks -> context.merge(baselineWeights, blocks).graph(),
                context.settings().provider(), context.settings().threads(), sample, Files.createDirectories(context.layout().stage(stage).resolve("latency")));
        context.progress().info("latency budget " + latency.describe() + ": each set within the other budgets is merged and timed"
                + " in ONNX Runtime at batch 1");
        return latency;
    }

    private static SearchSpace searchSpace(RunContext context, List<String> candidates, LatencyBudget latency) throws RunFailure {
        Graph shapes;
        try {
            shapes = Models.shapesOnly(context.plan());
        } catch (RunSetupException e) {
            throw new RunFailure(e.getMessage(), e);
        }
        // Folding BatchNorm everywhere changes the cost of the whole graph; savings are taken against the
        // merge of the unpruned graph, so that each block's saving counts only what pruning it removes.
        Cost reference = CostModel.of(context.merge(shapes, List.of()).graph());
        Map<String, BlockCost> costs = new LinkedHashMap<>();
        for (String block : candidates) {
            Cost merged = CostModel.of(context.merge(shapes, List.of(block)).graph());
            costs.put(block, new BlockCost(block, reference.macs(), merged.macs(), reference.params(), merged.params()));
        }
        SpacePlan space = context.plan().space();
        return new SearchSpace(candidates, space.pruneMin(), space.pruneMax(), reference.macs(), reference.params(), costs, space.where(),
                latency == null ? blocks -> true : latency);
    }
}
