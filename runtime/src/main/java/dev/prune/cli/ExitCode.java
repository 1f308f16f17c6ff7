package dev.prune.cli;

/** The process's exit codes. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The job itself failed: a run that diverged, a verification that did not hold, a file that needs formatting. */
    public static final int FAILED = 1;
    /** The user's input is wrong: bad usage, a spec with errors, a missing or corrupt file. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
