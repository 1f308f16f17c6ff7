package dev.prune.store;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A store on a POSIX file system (a local disk, or NFS mounted by every worker): {@code <root>/stages/<key>/}
 * holds committed stages; a publisher copies into {@code <root>/incoming/<key>.<random>/} and commits with
 * one {@code rename(2)} of that folder. The rename is atomic, and fails when the target already exists (a
 * committed stage is never empty: it holds at least its {@code done.json}), which is how the second of two
 * publishers learns that it lost. A publisher killed before the rename leaves only its incoming folder,
 * which no reader looks at.
 */
public final class LocalStageStore implements StageStore {

    private final Path root;
    /** Runs between the copy aside and the commit; tests use it to stop a publisher at the worst moment. */
    private final Runnable beforeCommit;

    public LocalStageStore(Path root) {
        this(root, () -> { });
    }

    LocalStageStore(Path root, Runnable beforeCommit) {
        this.root = root.toAbsolutePath();
        this.beforeCommit = beforeCommit;
    }

    @Override
    public boolean contains(String key) {
        return Files.isDirectory(committed(key));
    }

    @Override
    public boolean publish(String key, Path folder) throws IOException {
        StageKeys.check(key);
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                throw new IllegalArgumentException("an empty folder is not a stage: " + folder);
            }
        }
        if (contains(key)) {
            return false;
        }
        Path incoming = root.resolve("incoming").resolve(key + "." + UUID.randomUUID());
        Files.createDirectories(incoming.getParent());
        Files.createDirectories(committed(key).getParent());
        try {
            Trees.copy(folder, incoming);
            beforeCommit.run();
            try {
                Files.move(incoming, committed(key), StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                // Some file systems report the lost race with a plain FileSystemException (ENOTEMPTY, EEXIST).
                if (contains(key)) {
                    return false;
                }
                throw e;
            }
        } finally {
            Trees.delete(incoming);
        }
    }

    @Override
    public boolean fetch(String key, Path target) throws IOException {
        StageKeys.check(key);
        if (!contains(key)) {
            return false;
        }
        Trees.copy(committed(key), target);
        return true;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    public Path root() {
        return root;
    }

    private Path committed(String key) {
        return root.resolve("stages").resolve(key);
    }
}
