package dev.prune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalStageStoreTest extends StageStoreContract {

    @Override
    protected StoreFactory factory() {
        return new LocalStores();
    }

    @Test
    void aFileUriOrAPlainPathIsALocalStore() throws IOException {
        Path made = StageFixtures.stage(dir.resolve("made"), 1);
        assertTrue(StageStores.open(dir.resolve("plain").toString()).publish(KEY, made));
        assertTrue(Files.isDirectory(dir.resolve("plain").resolve("stages").resolve(KEY)));
        assertTrue(StageStores.open(dir.resolve("uri").toUri().toString()).publish(KEY, made));
        assertTrue(Files.isDirectory(dir.resolve("uri").resolve("stages").resolve(KEY)));
    }

    @Test
    void anUnknownSchemeIsRefusedWithItsName() {
        IOException e = assertThrows(IOException.class, () -> StageStores.open("nosuch://host/store"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void keysCannotClimbOutOfTheStore() {
        StageStore store = new LocalStageStore(dir.resolve("store"));
        assertThrows(IllegalArgumentException.class, () -> store.publish("../evil", dir));
        assertThrows(IllegalArgumentException.class, () -> store.fetch("a/b", dir));
    }

    @Test
    void losersAndTheKilledLeaveNothingInTheCommittedFolder() throws Exception {
        Path root = dir.resolve("store");
        List<Path> stages = List.of(StageFixtures.stage(dir.resolve("a"), 1), StageFixtures.stage(dir.resolve("b"), 2));
        StageStore store = new LocalStageStore(root);
        store.publish(KEY, stages.get(0));
        store.publish(KEY, stages.get(1));
        try (Stream<Path> incoming = Files.list(root.resolve("incoming")); Stream<Path> committed = Files.list(root.resolve("stages"))) {
            assertEquals(0, incoming.count(), "the loser cleaned up after itself");
            assertEquals(List.of(root.resolve("stages").resolve(KEY)), committed.toList());
        }
    }
}
