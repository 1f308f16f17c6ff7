package dev.prune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that appear whole or not at all: the bytes go to a temporary file in the target's folder (a move
 * across file systems would not be atomic), which then replaces the target in one rename.
 *
 * <p>The rename replaces a directory entry, so two things are done by hand that an in-place write would
 * keep: a symbolic link is followed and the file it names is replaced (the link stays a link), and an
 * existing file keeps its permission bits. A new file gets the mode any program's new file gets (0666
 * less the umask): the temporary file is created with plain {@code CREATE_NEW}, not
 * {@code Files.createTempFile}, whose files are 0600.
 */
public final class AtomicFiles {

    /** Links followed before giving up, as the kernel's own limit on a path's links. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path file = followLinks(target.toAbsolutePath());
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path temporary = createTemporary(folder, file.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write(bytes);
            }
            keepMode(file, temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file a chain of symbolic links ends at (which need not exist yet); the path itself when it is no link. */
    static Path followLinks(Path path) throws IOException {
        Path current = path;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(current); i++) {
            Path link = Files.readSymbolicLink(current);
            current = current.getParent().resolve(link).normalize();
        }
        if (Files.isSymbolicLink(current)) {
            throw new IOException(path + ": too many levels of symbolic links");
        }
        return current;
    }

    private static Path createTemporary(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void keepMode(Path file, Path temporary) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                || Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(temporary, mode);
    }
}
