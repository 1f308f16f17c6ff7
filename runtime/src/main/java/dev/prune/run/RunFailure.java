package dev.prune.run;

/**
 * The job itself failed after it started: training diverged, or a link of the verification chain did
 * not hold. The message carries the numbers; the CLI exits 1. Finished stages stay reusable.
 */
public final class RunFailure extends Exception {

    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
