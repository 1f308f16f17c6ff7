package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages are keyed by the contents of the files they read; the cache is keyed by path, size and modification time. */
class ContentDigestsTest {

    @TempDir
    Path dir;

    /** A tiny IDX image file: magic 0x00000803, n images of 2x2 bytes. */
    private static byte[] idxImages(int n, int fill) {
        byte[] out = new byte[16 + n * 4];
        out[2] = 8;
        out[3] = 3;
        out[7] = (byte) n;
        out[11] = 2;
        out[15] = 2;
        for (int i = 16; i < out.length; i++) {
            out[i] = (byte) (fill + i);
        }
        return out;
    }

    private Map<String, String> hashes(Path data) {
        String text = """
                prune 1
                import std.updp
                recipe r {
                  model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
                  data fashion_mnist("%s")
                  train baseline { epochs 1 }
                  space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
                  search exhaustive { }
                  train subnet { epochs 1; progressive immediate }
                  merge updp.merge
                  export onnx("o.onnx")
                }
                """.formatted(data.toString().replace("\\", "/"));
        Compilation compilation = Compiler.compile(new Source("r.prune", text), List.of());
        assertTrue(compilation.ok(), compilation::render);
        Map<String, String> out = new LinkedHashMap<>();
        Planner.plan(compilation.recipes().get(0), ContentDigests.cachedIn(dir.resolve("cache.bin"))).stages()
                .forEach(s -> out.put(s.name(), s.hash()));
        return out;
    }

    @Test
    void aReplacedDatasetFileRerunsTheStagesThatReadIt() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("train-images-idx3-ubyte"), idxImages(3, 1));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), idxImages(2, 5));
        Map<String, String> before = hashes(data);
        assertEquals(before, hashes(data), "unchanged files, unchanged stages");

        Files.write(dir.resolve("elsewhere.txt"), new byte[] {1});
        assertEquals(before, hashes(data), "a file no stage reads changes nothing");

        // The same path, the same size, other (valid) images.
        Files.write(data.resolve("train-images-idx3-ubyte"), idxImages(3, 9));
        Map<String, String> after = hashes(data);
        for (String stage : before.keySet()) {
            // Every stage reads the data (merge through the subnet it merges), so each one runs again.
            assertNotEquals(before.get(stage), after.get(stage), stage);
        }
    }

    /** A time well before the racy window, so the cache may trust a file with it. */
    private static final FileTime AN_HOUR_AGO = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);

    private static Path write(Path file, byte[] bytes, FileTime modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Three files in two folders, all last modified an hour ago. */
    private Path folder() throws IOException {
        Path data = dir.resolve("data");
        write(data.resolve("a.bin"), new byte[] {1, 2, 3}, AN_HOUR_AGO);
        write(data.resolve("sub").resolve("b.bin"), new byte[] {4, 5}, AN_HOUR_AGO);
        write(data.resolve("sub").resolve("c.bin"), new byte[] {6}, AN_HOUR_AGO);
        return data;
    }

    @Test
    void aFoldersDigestIsTheDigestOfItsFilesNamesAndDigestsInNameOrder() throws Exception {
        Path data = folder();
        String lines = "a.bin\t" + sha256(new byte[] {1, 2, 3}) + "\n"
                + "sub/b.bin\t" + sha256(new byte[] {4, 5}) + "\n"
                + "sub/c.bin\t" + sha256(new byte[] {6}) + "\n";
        assertEquals(sha256(lines.getBytes(StandardCharsets.UTF_8)), ContentDigests.inMemory().digest(data));
        assertEquals(sha256(new byte[] {4, 5}), ContentDigests.inMemory().digest(data.resolve("sub/b.bin")));
    }

    @Test
    void theCacheTrustsPathSizeAndModificationTime() throws IOException {
        Path file = write(dir.resolve("f.bin"), new byte[] {1, 2, 3}, AN_HOUR_AGO);
        ContentDigests digests = ContentDigests.inMemory();
        String first = digests.digest(file);

        write(file, new byte[] {7, 8, 9}, AN_HOUR_AGO);
        assertEquals(first, digests.digest(file), "same path, size and time: the cached digest, the file unread");
        assertEquals(1, digests.filesRead());

        Files.setLastModifiedTime(file, FileTime.fromMillis(AN_HOUR_AGO.toMillis() + 1000));
        assertNotEquals(first, digests.digest(file), "a new modification time: read again");
        assertEquals(ContentDigests.MISSING, digests.digest(dir.resolve("nothing")));
    }

    @Test
    void aFoldersDigestChangesWithAnyFilesContentSizeTimeOrPresence() throws IOException {
        Path data = folder();
        Path cache = dir.resolve("c.bin");
        List<String> seen = new ArrayList<>();
        Runnable recheck = () -> {
            ContentDigests digests = ContentDigests.cachedIn(cache);
            seen.add(digests.digest(data));
            digests.save();
        };
        recheck.run();
        recheck.run();
        assertEquals(seen.get(0), seen.get(1), "nothing changed");

        write(data.resolve("a.bin"), new byte[] {1, 2, 3, 4}, AN_HOUR_AGO);
        recheck.run();
        assertNotEquals(seen.get(1), seen.get(2), "other content and size at the same path and time");

        write(data.resolve("sub").resolve("b.bin"), new byte[] {9, 9}, FileTime.fromMillis(AN_HOUR_AGO.toMillis() + 1));
        recheck.run();
        assertNotEquals(seen.get(2), seen.get(3), "the same size rewritten, its time a millisecond later");

        write(data.resolve("sub").resolve("new.bin"), new byte[] {}, AN_HOUR_AGO);
        recheck.run();
        assertNotEquals(seen.get(3), seen.get(4), "a file added");

        Files.delete(data.resolve("sub").resolve("new.bin"));
        recheck.run();
        assertEquals(seen.get(3), seen.get(5), "the added file removed again: the folder is as it was");

        Files.delete(data.resolve("sub").resolve("c.bin"));
        recheck.run();
        assertNotEquals(seen.get(5), seen.get(6), "a file removed");

        Files.move(data.resolve("a.bin"), data.resolve("z.bin"));
        recheck.run();
        assertNotEquals(seen.get(6), seen.get(7), "a file renamed");
        assertEquals(8, new HashSet<>(seen).size() + 2, "every change gave a new digest, and only the two no-changes repeated one");
    }

    /** The first digest of the three-file folder: every file read, the cache saved. */
    private static String digestAndSave(Path data, Path cache) {
        ContentDigests cold = ContentDigests.cachedIn(cache);
        String digest = cold.digest(data);
        cold.save();
        assertEquals(3, cold.filesRead());
        return digest;
    }

    @Test
    void aCacheHitReadsNoFile() throws IOException {
        Path data = folder();
        Path cache = dir.resolve("c.bin");
        String digest = digestAndSave(data, cache);

        ContentDigests warm = ContentDigests.cachedIn(cache);
        assertEquals(digest, warm.digest(data));
        assertEquals(0, warm.filesRead(), "every file kept its size and time: none is read");

        Files.setLastModifiedTime(data.resolve("sub").resolve("c.bin"), FileTime.fromMillis(AN_HOUR_AGO.toMillis() + 5));
        ContentDigests touched = ContentDigests.cachedIn(cache);
        assertEquals(digest, touched.digest(data), "touched, not changed: the same digest");
        assertEquals(1, touched.filesRead(), "only the touched file is read");
    }

    @Test
    void aDamagedCacheIsReadAsEmpty() throws IOException {
        Path data = folder();
        Path cache = dir.resolve("c.bin");
        String digest = digestAndSave(data, cache);
        byte[] good = Files.readAllBytes(cache);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        Map<String, byte[]> damages = new LinkedHashMap<>();
        damages.put("empty", new byte[0]);
        damages.put("truncated", Arrays.copyOf(good, good.length - 9));
        damages.put("one bit flipped", flipped);
        damages.put("the old text format", ("0".repeat(64) + "\t3\t5\t" + data.resolve("a.bin") + "\n").getBytes(StandardCharsets.UTF_8));
        damages.put("a folder", null);
        for (Map.Entry<String, byte[]> damage : damages.entrySet()) {
            Files.deleteIfExists(cache);
            if (damage.getValue() == null) {
                Files.createDirectory(cache);
            } else {
                Files.write(cache, damage.getValue());
            }
            ContentDigests digests = ContentDigests.cachedIn(cache);
            assertEquals(digest, digests.digest(data), damage.getKey());
            assertEquals(3, digests.filesRead(), damage.getKey() + ": every file read again");
            if (damage.getValue() == null) {
                Files.delete(cache);
            }
            digests.save();
            ContentDigests again = ContentDigests.cachedIn(cache);
            assertEquals(digest, again.digest(data), damage.getKey());
            assertEquals(0, again.filesRead(), damage.getKey() + ": the rewritten cache serves");
        }
    }

    @Test
    void aFileModifiedJustBeforeItWasReadIsReadAgainUntilItHasAged() throws IOException {
        long now = TimeUnit.MILLISECONDS.toNanos(AN_HOUR_AGO.toMillis()) + TimeUnit.MINUTES.toNanos(30);
        FileTime recently = FileTime.from(now - ContentDigests.RACY_NANOS / 2, TimeUnit.NANOSECONDS);
        Path cache = dir.resolve("c.bin");
        Path file = write(dir.resolve("data").resolve("f.bin"), new byte[] {1, 2, 3}, recently);
        ContentDigests first = new ContentDigests(cache, () -> now);
        String before = first.digest(file);
        first.save();

        // Rewritten within the same tick: same size, and the file system kept the same time.
        write(file, new byte[] {3, 2, 1}, recently);
        ContentDigests second = new ContentDigests(cache, () -> now);
        assertNotEquals(before, second.digest(file), "a racy entry is not trusted");
        assertEquals(1, second.filesRead());
        second.save();

        ContentDigests later = new ContentDigests(cache, () -> now + TimeUnit.MINUTES.toNanos(1));
        later.digest(file);
        later.save();
        ContentDigests aged = new ContentDigests(cache, () -> now + TimeUnit.MINUTES.toNanos(2));
        aged.digest(file);
        assertEquals(0, aged.filesRead(), "read once after it aged, then trusted");
    }

    @Test
    void theCacheOnDiskIsReadBack() throws IOException {
        Path file = write(dir.resolve("f.bin"), new byte[] {1, 2, 3}, AN_HOUR_AGO);
        ContentDigests first = ContentDigests.cachedIn(dir.resolve("c.bin"));
        String digest = first.digest(file);
        first.save();
        write(file, new byte[] {4, 5, 6}, AN_HOUR_AGO);
        assertEquals(digest, ContentDigests.cachedIn(dir.resolve("c.bin")).digest(file), "a second process finds the digest in the cache");
    }
}
