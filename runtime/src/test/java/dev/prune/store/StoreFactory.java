package dev.prune.store;

import java.io.IOException;
import java.nio.file.Path;

/** How a store test opens the store under test; {@code beforeCommit} runs between the copy aside and the commit. */
public interface StoreFactory {

    StageStore open(Path root, Runnable beforeCommit) throws IOException;

    default StageStore open(Path root) throws IOException {
        return open(root, () -> { });
    }
}
