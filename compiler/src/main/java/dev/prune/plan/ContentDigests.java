package dev.prune.plan;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SHA-256 digests of the files a stage reads, so that its hash follows their contents, not their names. A
 * folder's digest covers each file's path within it and its digest, in name order. Each file's digest is
 * cached by (absolute path, size, modification time): a file that kept all three is not read again, so an
 * unchanged folder is rechecked with one {@code stat} per file.
 */
public final class ContentDigests {

    /** What a path that does not exist digests to: the plan can still be shown; the run refuses it. */
    public static final String MISSING = "missing";

    private record Entry(long size, long modified, String sha256) {
    }

    private final Path cacheFile;
    private final Map<String, Entry> cache = new HashMap<>();
    private boolean changed;

    private ContentDigests(Path cacheFile) {
        this.cacheFile = cacheFile;
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            load(cacheFile);
        }
    }

    /** Digests without a cache on disk (each file read once per instance). */
    public static ContentDigests inMemory() {
        return new ContentDigests(null);
    }

    /** Digests cached in {@code file} (created when first saved). */
    public static ContentDigests cachedIn(Path file) {
        return new ContentDigests(file);
    }

    /**
     * The user's cache: {@code $XDG_CACHE_HOME/prune/digests.tsv}, else {@code ~/.cache/prune/digests.tsv};
     * the system property {@code prune.digest.cache} names another file, or {@code none} for no cache on disk.
     */
    public static ContentDigests userCache() {
        String property = System.getProperty("prune.digest.cache");
        if ("none".equals(property)) {
            return inMemory();
        }
        if (property != null) {
            return cachedIn(Path.of(property));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cachedIn(base.resolve("prune").resolve("digests.tsv"));
    }

    /** The digest of a file, or of a folder's files; {@link #MISSING} when there is nothing at the path. */
    public String digest(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(absolute)) {
                return file(absolute, Files.readAttributes(absolute, BasicFileAttributes.class));
            }
            if (Files.isDirectory(absolute)) {
                return folder(absolute);
            }
            return MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to take its digest", e);
        }
    }

    private String folder(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort(null);
        MessageDigest digest = sha256();
        for (Path file : files) {
            String line = root.relativize(file).toString().replace('\\', '/') + "\t"
                    + file(file, Files.readAttributes(file, BasicFileAttributes.class)) + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String file(Path file, BasicFileAttributes attributes) throws IOException {
        String key = file.toString();
        long modified = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        Entry entry = cache.get(key);
        if (entry != null && entry.size() == attributes.size() && entry.modified() == modified) {
            return entry.sha256();
        }
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        cache.put(key, new Entry(attributes.size(), modified, sha));
        changed = true;
        return sha;
    }

    /** Writes the cache back when it learnt something (atomically; a cache that cannot be written is only slower). */
    public void save() {
        if (cacheFile == null || !changed) {
            return;
        }
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(cacheFile.toAbsolutePath().getParent(), ".digests", ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temporary)) {
                for (Map.Entry<String, Entry> e : cache.entrySet()) {
                    out.write(e.getValue().sha256() + "\t" + e.getValue().size() + "\t" + e.getValue().modified() + "\t" + e.getKey() + "\n");
                }
            }
            Files.move(temporary, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            changed = false;
        } catch (IOException e) {
            // Only a cache: the next plan reads the files again.
        }
    }

    private void load(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(line -> {
                String[] parts = line.split("\t", 4);
                if (parts.length == 4) {
                    try {
                        cache.put(parts[3], new Entry(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[0]));
                    } catch (NumberFormatException e) {
                        // a damaged line: that file is read again
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            cache.clear();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
