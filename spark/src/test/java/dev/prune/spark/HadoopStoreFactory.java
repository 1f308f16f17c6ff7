package dev.prune.spark;

import dev.prune.store.StageStore;
import dev.prune.store.StoreFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Hadoop stores on Hadoop's local file system ({@code file:} through Hadoop), for the store contract. */
public final class HadoopStoreFactory implements StoreFactory {

    @Override
    public StageStore open(Path root, Runnable beforeCommit) throws IOException {
        return new HadoopStageStore(root.toUri(), new Configuration(), beforeCommit);
    }
}
