package dev.prune.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.store.StageStore;
import dev.prune.store.StageStoreContract;
import dev.prune.store.StageStores;
import dev.prune.store.StoreFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HadoopStageStoreTest extends StageStoreContract {

    @Override
    protected StoreFactory factory() {
        return new HadoopStoreFactory();
    }

    @Test
    void aHalfWrittenMarkerIsNoCommit() throws Exception {
        StageStore store = factory().open(dir.resolve("store"));
        Files.createDirectories(dir.resolve("store").resolve("stages"));
        Files.writeString(dir.resolve("store").resolve("stages").resolve(KEY + ".commit"), "0123");
        assertFalse(store.contains(KEY));
        assertFalse(store.fetch(KEY, dir.resolve("back")));
    }

    @Test
    void hadoopSchemesOpenThroughTheProvider() throws Exception {
        assertTrue(new HadoopStores().accepts(java.net.URI.create("hdfs://127.0.0.1:1/x")));
        assertFalse(new HadoopStores().accepts(java.net.URI.create("nosuch://host/x")));
        // Opening an HDFS store makes a client and no connection; nothing is read until a stage is asked for.
        assertTrue(StageStores.open("hdfs://127.0.0.1:1/store") instanceof HadoopStageStore);
    }
}
