package dev.prune.plan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * What {@link ContentDigests} remembers between processes: for each path it digested (a file, or a folder),
 * that path's files in name order, each with size, modification time and SHA-256, and the path's own digest.
 *
 * <p>The file is binary and read in one piece, so a warm recheck of a folder of 100,000 files costs one read
 * of a few megabytes rather than 100,000 parsed lines; a path's listing is decoded only when that path is
 * asked for. A file damaged in any way (another format, truncated, a checksum that does not match) counts as
 * empty: every file is read again, nothing fails.
 *
 * <pre>
 * "PRUNEDG\n" version:int paths:int
 *   paths x { pathLength:int path:utf8 listingLength:int listing }
 * crc32 of all the above:long
 * listing = files:int digest[32] files x { nameLength:int name:utf8 size:long modified:long sha256[32] }
 * </pre>
 */
final class DigestCache {

    static final int SHA256_BYTES = 32;
    private static final byte[] MAGIC = "PRUNEDG\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /**
     * A digested path's files sorted by name ('/'-separated and relative to the path; one file named "" when
     * the path is itself a file), with their sizes, modification times (nanoseconds since the epoch, or
     * {@link ContentDigests#UNTRUSTED}) and SHA-256s ({@code 32 * files} bytes), and the path's digest.
     * Parallel arrays, not one object per file: the warm path allocates nothing per file for them.
     */
    record Listing(String[] names, long[] sizes, long[] modified, byte[] sha256, byte[] digest) {

        int files() {
            return names.length;
        }
    }

    /** Listings as read from disk, not decoded until asked for. */
    private final Map<String, ByteBuffer> encoded = new HashMap<>();
    private final Map<String, Listing> decoded = new HashMap<>();

    /** The cache in {@code file}; empty when the file is absent, unreadable or damaged. */
    static DigestCache load(Path file) {
        DigestCache cache = new DigestCache();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | UncheckedIOException e) {
            return cache;
        }
        try {
            cache.parse(bytes);
        } catch (Damaged | BufferUnderflowException e) {
            cache.encoded.clear();
        }
        return cache;
    }

    /** The listing remembered for {@code path} (absolute), or null. */
    Listing get(String path) {
        Listing listing = decoded.get(path);
        if (listing == null) {
            ByteBuffer body = encoded.remove(path);
            if (body != null) {
                try {
                    listing = decode(body);
                    decoded.put(path, listing);
                } catch (Damaged | BufferUnderflowException e) {
                    return null;
                }
            }
        }
        return listing;
    }

    void put(String path, Listing listing) {
        encoded.remove(path);
        decoded.put(path, listing);
    }

    /** Forgets the paths that fail {@code keep} (those no longer on disk), so the cache does not grow forever. */
    void retain(Predicate<String> keep) {
        encoded.keySet().removeIf(keep.negate());
        decoded.keySet().removeIf(keep.negate());
    }

    /** The cache in its on-disk form. */
    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            TreeSet<String> paths = new TreeSet<>(encoded.keySet());
            paths.addAll(decoded.keySet());
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(paths.size());
            for (String path : paths) {
                writeBytes(out, path.getBytes(StandardCharsets.UTF_8));
                ByteBuffer body = encoded.get(path);
                writeBytes(out, body != null ? remaining(body) : encode(decoded.get(path)));
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private void parse(byte[] bytes) throws Damaged {
        int trailer = bytes.length - Long.BYTES;
        if (trailer < MAGIC.length + 2 * Integer.BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Damaged();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, trailer);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length);
        if (in.getLong(trailer) != crc.getValue()) {
            throw new Damaged();
        }
        in.limit(trailer).position(MAGIC.length);
        if (in.getInt() != VERSION) {
            throw new Damaged();
        }
        int paths = in.getInt();
        for (int i = 0; i < paths; i++) {
            String path = new String(slice(in), StandardCharsets.UTF_8);
            int length = length(in);
            encoded.put(path, in.slice(in.position(), length));
            in.position(in.position() + length);
        }
        if (in.hasRemaining()) {
            throw new Damaged();
        }
    }

    private static Listing decode(ByteBuffer body) throws Damaged {
        ByteBuffer in = body.duplicate();
        int files = in.getInt();
        if (files < 0 || files > in.remaining() / (Integer.BYTES + 2 * Long.BYTES + SHA256_BYTES)) {
            throw new Damaged();
        }
        byte[] digest = new byte[SHA256_BYTES];
        in.get(digest);
        String[] names = new String[files];
        long[] sizes = new long[files];
        long[] modified = new long[files];
        byte[] sha256 = new byte[files * SHA256_BYTES];
        for (int i = 0; i < files; i++) {
            int length = length(in);
            names[i] = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            sizes[i] = in.getLong();
            modified[i] = in.getLong();
            in.get(sha256, i * SHA256_BYTES, SHA256_BYTES);
        }
        if (in.hasRemaining()) {
            throw new Damaged();
        }
        return new Listing(names, sizes, modified, sha256, digest);
    }

    private static byte[] encode(Listing listing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Integer.BYTES + SHA256_BYTES + listing.files() * 80);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(listing.files());
        out.write(listing.digest());
        for (int i = 0; i < listing.files(); i++) {
            writeBytes(out, listing.names()[i].getBytes(StandardCharsets.UTF_8));
            out.writeLong(listing.sizes()[i]);
            out.writeLong(listing.modified()[i]);
            out.write(listing.sha256(), i * SHA256_BYTES, SHA256_BYTES);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** A length read from the file, checked against what is left, so damage cannot ask for a huge array. */
    private static int length(ByteBuffer in) throws Damaged {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new Damaged();
        }
        return length;
    }

    private static byte[] slice(ByteBuffer in) throws Damaged {
        byte[] out = new byte[length(in)];
        in.get(out);
        return out;
    }

    private static byte[] remaining(ByteBuffer body) {
        byte[] out = new byte[body.remaining()];
        body.duplicate().get(out);
        return out;
    }

    /** The file is not a cache this version wrote whole. */
    private static final class Damaged extends Exception {
        Damaged() {
            super(null, null, false, false);
        }
    }
}
