package dev.prune.data;

import java.nio.file.Path;

/**
 * A dataset that cannot be used: missing, corrupt, or not what the model expects. It names the file (or
 * folder) at fault and the reason, so the CLI can print {@code path: reason} and exit 2 before training.
 */
public final class DataException extends Exception {

    private final Path path;
    private final String reason;

    public DataException(Path path, String reason) {
        this(path, reason, null);
    }

    public DataException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The file or folder at fault. */
    public Path path() {
        return path;
    }

    /** What is wrong with it, without the path. */
    public String reason() {
        return reason;
    }
}
