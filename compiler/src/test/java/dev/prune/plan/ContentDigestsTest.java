package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Planner.plan(compilation.recipes().get(0), ContentDigests.cachedIn(dir.resolve("cache.tsv"))).stages()
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

    @Test
    void theCacheTrustsPathSizeAndModificationTime() throws IOException {
        Path file = dir.resolve("f.bin");
        Files.write(file, new byte[] {1, 2, 3});
        ContentDigests digests = ContentDigests.inMemory();
        String first = digests.digest(file);
        FileTime time = Files.getLastModifiedTime(file);

        Files.write(file, new byte[] {7, 8, 9});
        Files.setLastModifiedTime(file, time);
        assertEquals(first, digests.digest(file), "same path, size and time: the cached digest, the file unread");

        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 1000));
        assertNotEquals(first, digests.digest(file), "a new modification time: read again");
        assertEquals(ContentDigests.MISSING, digests.digest(dir.resolve("nothing")));
    }

    @Test
    void theCacheOnDiskIsReadBack() throws IOException {
        Path file = dir.resolve("f.bin");
        Files.write(file, new byte[] {1, 2, 3});
        ContentDigests first = ContentDigests.cachedIn(dir.resolve("c.tsv"));
        String digest = first.digest(file);
        first.save();
        FileTime time = Files.getLastModifiedTime(file);
        Files.write(file, new byte[] {4, 5, 6});
        Files.setLastModifiedTime(file, time);
        assertEquals(digest, ContentDigests.cachedIn(dir.resolve("c.tsv")).digest(file), "a second process finds the digest in the cache");
    }
}
