package dev.prune.plan;

import dev.prune.io.AtomicFiles;
import dev.prune.plan.DigestCache.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * SHA-256 digests of the files a stage reads, so that its hash follows their contents, not their names. A
 * file's digest is the SHA-256 of its bytes; a folder's is the SHA-256 of one line per file in it (following
 * links), {@code relative/path TAB sha256 NEWLINE}, in name order.
 *
 * <p>Each digested path's files are cached with their size and modification time (see {@link DigestCache}):
 * a file that kept both is not read again. A recheck is one {@code Files.walkFileTree} pass, using the one
 * {@code stat} per file the walk makes anyway; when every file matches the cached listing, the folder's digest
 * is the cached one (nothing sorted, nothing hashed), else the walk is sorted and merged against the listing
 * and only the files that changed are read.
 *
 * <p>Modification times have a granularity (2 s on FAT, 1 s on some network file systems, a kernel tick on
 * the others), so a file rewritten with the same size within the tick in which it was digested would keep
 * its time and look unchanged. As git does with its "racy clean" entries, a file is only trusted from the
 * cache when its modification time was at least {@link #RACY_NANOS} before the moment it was read; a file
 * modified more recently than that is read again on every recheck until it has aged. The remaining limit: a
 * file server whose clock runs more than that window behind this machine's, or a program that sets a file's
 * modification time back by hand after changing it (same size), can hide a change from the cache.
 */
public final class ContentDigests {

    /** What a path that does not exist digests to: the plan can still be shown; the run refuses it. */
    public static final String MISSING = "missing";

    /** How recent a modification time must not be for the file to be trusted later from its size and time. */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The modification time recorded for a racy file: it never equals a real one, so the file is read again. */
    static final long UNTRUSTED = Long.MIN_VALUE;

    private static final Comparator<Seen> BY_NAME = Comparator.comparing(Seen::name);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * A regular file found by the walk, with the attributes the walk read. Its {@code Path} is not kept: a
     * hundred thousand of them would live through the walk for the rare file that must be read.
     */
    private record Seen(String name, long size, long modified) {
    }

    private final Path cacheFile;
    private final DigestCache cache;
    private final LongSupplier clock;
    private final MessageDigest sha256 = sha256();
    private final byte[] buffer = new byte[1 << 16];
    private boolean changed;
    private long filesRead;

    ContentDigests(Path cacheFile, LongSupplier clock) {
        this.cacheFile = cacheFile;
        this.cache = cacheFile == null ? new DigestCache() : DigestCache.load(cacheFile);
        this.clock = clock;
    }

    private ContentDigests(Path cacheFile) {
        this(cacheFile, () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
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
     * The user's cache: {@code $XDG_CACHE_HOME/prune/digests.bin}, else {@code ~/.cache/prune/digests.bin};
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
        return cachedIn(base.resolve("prune").resolve("digests.bin"));
    }

    /** The digest of a file, or of a folder's files; {@link #MISSING} when there is nothing at the path. */
    public String digest(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            return MISSING;
        }
        try {
            if (attributes.isRegularFile()) {
                return HexFormat.of().formatHex(file(absolute, attributes));
            }
            if (attributes.isDirectory()) {
                return HexFormat.of().formatHex(folder(absolute));
            }
            return MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to take its digest", e);
        }
    }

    /** How many files this instance has read (a cache hit reads none): what the tests observe. */
    long filesRead() {
        return filesRead;
    }

    private byte[] file(Path file, BasicFileAttributes attributes) throws IOException {
        String key = file.toString();
        long size = attributes.size();
        long modified = modified(attributes);
        Listing known = cache.get(key);
        if (known != null && known.files() == 1 && known.names()[0].isEmpty()
                && known.sizes()[0] == size && known.modified()[0] == modified) {
            return known.digest();
        }
        long now = clock.getAsLong();
        byte[] sha = read(file);
        cache.put(key, new Listing(new String[] {""}, new long[] {size}, new long[] {trusted(modified, now)}, sha, sha));
        changed = true;
        return sha;
    }

    private byte[] folder(Path root) throws IOException {
        long now = clock.getAsLong();
        List<Seen> seen = walk(root);
        String key = root.toString();
        Listing known = cache.get(key);
        if (known != null && unchanged(known, seen)) {
            return known.digest();
        }
        seen.sort(BY_NAME);
        int files = seen.size();
        String[] names = new String[files];
        long[] sizes = new long[files];
        long[] modified = new long[files];
        byte[] shas = new byte[files * DigestCache.SHA256_BYTES];
        int at = 0;
        for (int i = 0; i < files; i++) {
            Seen file = seen.get(i);
            names[i] = file.name();
            sizes[i] = file.size();
            // Both lists are in name order: advance through the cached one instead of looking each name up.
            int order = -1;
            while (known != null && at < known.files() && (order = known.names()[at].compareTo(file.name())) < 0) {
                at++;
            }
            if (order == 0 && known.sizes()[at] == file.size() && known.modified()[at] == file.modified()) {
                System.arraycopy(known.sha256(), at * DigestCache.SHA256_BYTES, shas, i * DigestCache.SHA256_BYTES, DigestCache.SHA256_BYTES);
                modified[i] = file.modified();
                at++;
            } else {
                System.arraycopy(read(root.resolve(file.name())), 0, shas, i * DigestCache.SHA256_BYTES, DigestCache.SHA256_BYTES);
                modified[i] = trusted(file.modified(), now);
            }
        }
        byte[] digest = folderDigest(names, shas);
        cache.put(key, new Listing(names, sizes, modified, shas, digest));
        changed = true;
        return digest;
    }

    /**
     * Whether the walk found exactly the cached files, each with its cached size and time: the common case,
     * answered in walk order through a small hash index of the cached names, without sorting the walk.
     */
    private static boolean unchanged(Listing known, List<Seen> seen) {
        if (known.files() != seen.size()) {
            return false;
        }
        // Open addressing over indices into the cached listing, at most half full.
        int[] slots = new int[Integer.highestOneBit(Math.max(1, known.files())) * 4];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int i = 0; i < known.files(); i++) {
            int slot = spread(known.names()[i].hashCode()) & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i;
        }
        // Names are unique on both sides and the counts agree, so finding each walked file finds them all.
        for (Seen file : seen) {
            int slot = spread(file.name().hashCode()) & mask;
            int at;
            while ((at = slots[slot]) >= 0 && !known.names()[at].equals(file.name())) {
                slot = (slot + 1) & mask;
            }
            if (at < 0 || known.sizes()[at] != file.size() || known.modified()[at] != file.modified()) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16) ^ (hash >>> 7);
    }

    /** One stat per file: the attributes the walk hands over are the ones the cache is checked against. */
    private static List<Seen> walk(Path root) throws IOException {
        String separator = root.getFileSystem().getSeparator();
        String prefix = root.toString();
        int skip = prefix.endsWith(separator) ? prefix.length() : prefix.length() + 1;
        boolean slash = "/".equals(separator);
        List<Seen> seen = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    String name = file.toString().substring(skip);
                    seen.add(new Seen(slash ? name : name.replace(separator, "/"), attributes.size(), modified(attributes)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A link back to a folder above is walked once; a file deleted during the walk is gone.
                if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return seen;
    }

    private byte[] folderDigest(String[] names, byte[] shas) {
        MessageDigest digest = sha256;
        digest.reset();
        byte[] hex = new byte[2 * DigestCache.SHA256_BYTES];
        for (int i = 0; i < names.length; i++) {
            digest.update(names[i].getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\t');
            for (int b = 0; b < DigestCache.SHA256_BYTES; b++) {
                int value = shas[i * DigestCache.SHA256_BYTES + b] & 0xff;
                hex[2 * b] = HEX[value >>> 4];
                hex[2 * b + 1] = HEX[value & 0xf];
            }
            digest.update(hex);
            digest.update((byte) '\n');
        }
        return digest.digest();
    }

    private byte[] read(Path file) throws IOException {
        filesRead++;
        MessageDigest digest = sha256;
        digest.reset();
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** The time to remember for a file read at {@code now}: its own, unless it is too recent to be trusted later. */
    private static long trusted(long modified, long now) {
        return modified <= now - RACY_NANOS ? modified : UNTRUSTED;
    }

    private static long modified(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /**
     * Writes the cache back when it learnt something, atomically, forgetting paths no longer on disk. A cache
     * that cannot be written only makes the next plan slower.
     */
    public void save() {
        if (cacheFile == null || !changed) {
            return;
        }
        cache.retain(path -> Files.exists(Path.of(path)));
        try {
            AtomicFiles.write(cacheFile, cache.encode());
            changed = false;
        } catch (IOException e) {
            // Only a cache: the next plan reads the files again.
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
