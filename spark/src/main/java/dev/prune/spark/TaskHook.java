package dev.prune.spark;

import java.io.Serializable;

/** Runs in each scoring task before it scores; tests use it to kill an executor in the middle of a job. */
@FunctionalInterface
interface TaskHook extends Serializable {

    TaskHook NONE = (partition, attempt) -> { };

    void beforeScoring(int partition, int attempt);
}
