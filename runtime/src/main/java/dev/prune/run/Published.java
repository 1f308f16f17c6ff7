package dev.prune.run;

import dev.prune.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stage's output published outside its folder (the export at the spec's path): copied from the stage
 * folder's own copy, and recognised by its SHA-256, so that a reused stage can tell whether what sits at the
 * path is still what it wrote.
 */
final class Published {

    private Published() {
    }

    /** Copies the stage's file to the published path (atomically: a reader sees the old file or the new one) and returns its SHA-256. */
    static String publish(Path stageCopy, Path published) throws IOException {
        AtomicFiles.write(published, Files.readAllBytes(stageCopy));
        return sha256(stageCopy);
    }

    /** Whether the file exists and has this SHA-256. */
    static boolean holds(Path file, String sha256) throws IOException {
        return Files.isRegularFile(file) && sha256(file).equals(sha256);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
