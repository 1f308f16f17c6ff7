package dev.prune.plan;

/** What a stage does; the runtime has one executor per kind. */
public enum StageKind {
    /** Train the unpruned model (from random weights, or fine-tune imported ones). */
    TRAIN_BASELINE("train-baseline"),
    /** Take trained weights as they are, from an ONNX file or a checkpoint. */
    IMPORT_WEIGHTS("import-weights"),
    /** Train the supernet: every candidate block in both forms, sharing weights. */
    TRAIN_SUPERNET("train-supernet"),
    /** Choose the blocks to prune, scoring candidates with the supernet's (or baseline's) weights. */
    SEARCH("search"),
    /** Move the chosen blocks to their pruned form as λ goes from 0 to 1. */
    TRAIN_SUBNET("train-subnet"),
    /** Collapse each pruned block by reparameterization. */
    MERGE("merge"),
    /** Write the merged graph, verify it in ONNX Runtime and benchmark it. */
    EXPORT("export"),
    /** An experiment's control: train the baseline on for as long as the pruned variants train after it. */
    TRAIN_LONGER("train-longer");

    private final String id;

    StageKind(String id) {
        this.id = id;
    }

    /** The kind as written in plan.json. */
    public String id() {
        return id;
    }
}
