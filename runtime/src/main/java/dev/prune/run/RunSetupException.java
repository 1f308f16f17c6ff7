package dev.prune.run;

/**
 * The run cannot start as asked: a device or provider the installed builds lack, a dataset that is
 * missing or corrupt, a model that cannot be read. Nothing has been computed; the CLI exits 2.
 */
public final class RunSetupException extends Exception {

    public RunSetupException(String message) {
        super(message);
    }

    public RunSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
