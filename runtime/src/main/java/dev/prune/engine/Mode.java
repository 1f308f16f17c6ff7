package dev.prune.engine;

/** Training (batch statistics, running statistics updated) or evaluation (running statistics). */
public enum Mode {
    TRAIN, EVAL
}
