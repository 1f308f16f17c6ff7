package dev.prune.plan;

import dev.prune.lang.CheckedExperiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's grid as plans: one per cell, in the order variant, draw, seed (the control last). Stages
 * that cells have in common have the same hash, and run once.
 */
public record ExperimentPlan(CheckedExperiment experiment, List<CellPlan> cells) {

    public ExperimentPlan {
        cells = List.copyOf(cells);
    }

    /** One cell: which variant, draw and seed, and its plan. */
    public record CellPlan(CheckedExperiment.Cell cell, Plan plan) {
        public String label() {
            return cell.label();
        }
    }

    /** Each distinct stage hash with the stage's name, in order of first appearance: what a run of the grid computes. */
    public Map<String, String> distinctStages() {
        Map<String, String> out = new LinkedHashMap<>();
        for (CellPlan cell : cells) {
            for (Stage stage : cell.plan().stages()) {
                out.putIfAbsent(stage.hash(), stage.name());
            }
        }
        return out;
    }

    /** The stage names of every cell, in pipeline order (a union: the control has fewer). */
    public List<String> stageNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        cells.forEach(c -> c.plan().stages().forEach(s -> names.add(s.name())));
        return List.copyOf(names);
    }
}
