package dev.prune.train;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that cannot be trusted: torn by a crash, truncated, altered, or of another format. */
public final class DamagedCheckpointException extends IOException {

    private final transient Path path;

    public DamagedCheckpointException(Path path, String reason) {
        super(path + ": damaged checkpoint: " + reason);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
