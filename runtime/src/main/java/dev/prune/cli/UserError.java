package dev.prune.cli;

/**
 * A mistake of the user's that stops a command: a missing file, a bad option. The CLI prints its message
 * alone, without a stack trace, and exits with {@link ExitCode#USAGE} unless told otherwise.
 */
public final class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCode.USAGE);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The problem was already reported (e.g. a spec's diagnostics on stderr): exit 2 without another message. */
    public static UserError reported() {
        return new UserError(null);
    }

    public int exitCode() {
        return exitCode;
    }
}
