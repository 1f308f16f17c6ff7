package dev.prune.spark;

import dev.prune.store.StageStore;
import dev.prune.store.StageStoreProvider;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;

/** {@code --store hdfs://...}, {@code s3a://...}: any scheme Hadoop has a file system for. Found through {@link java.util.ServiceLoader}. */
public final class HadoopStores implements StageStoreProvider {

    @Override
    public boolean accepts(URI location) {
        try {
            org.apache.hadoop.fs.FileSystem.getFileSystemClass(location.getScheme(), new Configuration());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public StageStore open(URI location) throws IOException {
        return new HadoopStageStore(location, new Configuration());
    }
}
