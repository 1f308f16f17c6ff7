package dev.prune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void anExistingFileKeepsItsMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.prune");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aNewFileGetsTheModeOfAnyNewFile(@TempDir Path dir) throws IOException {
        Path reference = Files.createFile(dir.resolve("reference")); // 0666 less the umask, as every program's
        AtomicFiles.write(dir.resolve("summary.json"), "{}");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("summary.json")));
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsWritten(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("specs")).resolve("real.prune");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.prune"), Path.of("specs", "real.prune"));
        AtomicFiles.write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void noTemporaryFileIsLeftBehind(@TempDir Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("a.txt"), "x");
        AtomicFiles.write(dir.resolve("a.txt"), "y");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
