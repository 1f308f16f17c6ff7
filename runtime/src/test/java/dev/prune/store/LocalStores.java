package dev.prune.store;

import java.nio.file.Path;

/** Opens {@link LocalStageStore}s for the contract tests and the publisher processes. */
public final class LocalStores implements StoreFactory {

    @Override
    public StageStore open(Path root, Runnable beforeCommit) {
        return new LocalStageStore(root, beforeCommit);
    }
}
