package dev.prune.run;

import dev.prune.report.JsonFields;
import dev.prune.report.Latency;
import dev.prune.report.PrunedAtOnce;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished stage reports, kept in its folder's {@code done.json}: one record per kind of stage, each
 * its own writer ({@link #json()}) and reader ({@code read}), so that a reused stage and a fresh one give
 * the stages after them the same values.
 */
public sealed interface StageDone {

    /** The record as its {@code done.json} holds it (the runner adds the stage's seconds and threads). */
    Map<String, Object> json();

    /**
     * The baseline, trained or imported (or the control, trained on): its top-1 on the validation and test splits,
     * its validation top-1 after each epoch it trained (empty when imported), and whether its stopping rule
     * ({@code until converged}) held when it stopped, empty without a rule. A record written before these were kept
     * reads as an empty curve and no rule.
     */
    record Baseline(double valTop1, double testTop1, List<Double> valCurve, Optional<Boolean> converged) implements StageDone {
        public Baseline {
            valCurve = List.copyOf(valCurve);
        }

        static Baseline imported(double valTop1, double testTop1) {
            return new Baseline(valTop1, testTop1, List.of(), Optional.empty());
        }

        /** Epochs trained (the last one possibly partial): as many as the curve has points. */
        int epochs() {
            return valCurve.size();
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("val_top1", valTop1);
            out.put("test_top1", testTop1);
            out.put("epochs", epochs());
            out.put("val_curve", valCurve);
            out.put("converged", converged.orElse(null));
            return out;
        }

        static Baseline read(JsonFields f) {
            return new Baseline(f.number("val_top1"), f.number("test_top1"), f.numbersOrEmpty("val_curve"), f.optionalBool("converged"));
        }
    }

    /** The supernet: its top-1 on validation with every candidate in its baseline form, and the candidates it trained. */
    record Supernet(double valTop1, List<String> candidates) implements StageDone {
        public Supernet {
            candidates = List.copyOf(candidates);
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("val_top1", valTop1);
            out.put("candidates", candidates);
            return out;
        }

        static Supernet read(JsonFields f) {
            return new Supernet(f.number("val_top1"), f.strings("candidates"));
        }
    }

    /**
     * The search: the chosen blocks, what ranked the candidates ({@code top1} or {@code loss}, on {@code val}
     * or {@code train}), the chosen set's top-1 and mean loss on that split, the number of examples they were
     * measured on with the top-1's binomial standard error, the size of the validation split, and the chosen set's MACs.
     */
    record Search(List<String> chosen, String score, String split, double chosenTop1, double chosenLoss, int scored,
            long scoreExamples, double standardError, long valExamples, long chosenMacs) implements StageDone {
        public Search {
            chosen = List.copyOf(chosen);
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("chosen", chosen);
            out.put("score", score);
            out.put("split", split);
            out.put("chosen_top1", chosenTop1);
            out.put("chosen_loss", chosenLoss);
            out.put("scored", scored);
            out.put("score_examples", scoreExamples);
            out.put("score_standard_error", standardError);
            out.put("val_examples", valExamples);
            out.put("chosen_macs", chosenMacs);
            return out;
        }

        static Search read(JsonFields f) {
            return new Search(f.strings("chosen"), f.string("score"), f.string("split"), f.number("chosen_top1"),
                    f.number("chosen_loss"), Math.toIntExact(f.integer("scored")), f.integer("score_examples"),
                    f.number("score_standard_error"), f.integer("val_examples"), f.integer("chosen_macs"));
        }
    }

    /**
     * The subnet: where its weights started ({@code baseline|supernet}), the λ = 0 check against the baseline, the
     * chosen set pruned at once before any subnet training ({@link PrunedAtOnce}; empty in a record written before it
     * was measured), and its top-1 at λ = 1 after training.
     */
    record Subnet(String init, double lambda0VsBaseline, Optional<PrunedAtOnce> atOnce, double valTop1, double testTop1)
            implements StageDone {
        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("init", init);
            out.put("lambda0_vs_baseline", lambda0VsBaseline);
            out.put(PrunedAtOnce.KEY, atOnce.map(PrunedAtOnce::toJson).orElse(null));
            out.put("val_top1", valTop1);
            out.put("test_top1", testTop1);
            return out;
        }

        static Subnet read(JsonFields f) {
            return new Subnet(f.string("init"), f.number("lambda0_vs_baseline"), f.optionalObject(PrunedAtOnce.KEY).map(PrunedAtOnce::fromJson),
                    f.number("val_top1"), f.number("test_top1"));
        }
    }

    /** The merge: its check against the λ = 1 subnet, its test top-1, and the costs before and after. */
    record Merge(double mergedVsSubnet, double mergedTop1, Costs baseline, Costs merged) implements StageDone {
        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("merged_vs_subnet", mergedVsSubnet);
            out.put("merged_top1", mergedTop1);
            out.put("macs_baseline", baseline.macs());
            out.put("params_baseline", baseline.params());
            out.put("layers_baseline", baseline.layers());
            out.put("macs_merged", merged.macs());
            out.put("params_merged", merged.params());
            out.put("layers_merged", merged.layers());
            return out;
        }

        static Merge read(JsonFields f) {
            return new Merge(f.number("merged_vs_subnet"), f.number("merged_top1"),
                    new Costs(f.integer("macs_baseline"), f.integer("params_baseline"), f.integer("layers_baseline")),
                    new Costs(f.integer("macs_merged"), f.integer("params_merged"), f.integer("layers_merged")));
        }
    }

    /** A model's cost: multiply-accumulates and parameters for one input, and its layer count. */
    record Costs(long macs, long params, long layers) {
    }

    /**
     * The export: where the ONNX file went and the SHA-256 of what was written there (a copy stays in the
     * stage folder), ONNX Runtime's checks against the merged model, and the latency benchmark.
     */
    record Export(String onnx, String sha256, double atol, double onnxVsMerged, double onnxTop1, Latency latency) implements StageDone {
        @Override
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("onnx", onnx);
            out.put("sha256", sha256);
            out.put("atol", atol);
            out.put("onnx_vs_merged", onnxVsMerged);
            out.put("onnx_top1", onnxTop1);
            out.put("latency_ms", latency.toJson());
            return out;
        }

        static Export read(JsonFields f) {
            return new Export(f.string("onnx"), f.string("sha256"), f.number("atol"), f.number("onnx_vs_merged"), f.number("onnx_top1"),
                    Latency.fromJson(f.object("latency_ms")));
        }
    }
}
