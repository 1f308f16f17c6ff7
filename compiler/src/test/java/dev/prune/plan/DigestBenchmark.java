package dev.prune.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rechecking a dataset folder that did not change: 100,000 small files (size from {@code prune.bench.files}),
 * digested cold (every file read), then warm from the on-disk cache in a fresh instance, as the next
 * {@code prune plan} would. Prints the times and their ratio; asserts nothing about time.
 */
@Tag("benchmark")
class DigestBenchmark {

    @TempDir
    Path dir;

    @Test
    void warmRecheckOfAFolderOfSmallFiles() throws IOException {
        int files = Integer.getInteger("prune.bench.files", 100_000);
        Path data = Files.createDirectories(dir.resolve("data"));
        byte[] content = new byte[256];
        for (int i = 0; i < files; i++) {
            Path sub = data.resolve("class" + (i % 100));
            if (i < 100) {
                Files.createDirectories(sub);
            }
            content[0] = (byte) i;
            content[1] = (byte) (i >> 8);
            content[2] = (byte) (i >> 16);
            Files.write(sub.resolve(i + ".bin"), content);
        }
        Path cache = dir.resolve("digests.tsv");
        long start = System.nanoTime();
        ContentDigests cold = ContentDigests.cachedIn(cache);
        String first = cold.digest(data);
        cold.save();
        double coldSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        String again = ContentDigests.cachedIn(cache).digest(data);
        double warmSeconds = (System.nanoTime() - start) / 1e9;
        if (!first.equals(again)) {
            throw new AssertionError("the warm digest differs from the cold one");
        }
        System.out.printf("digest of %d files: cold %.2f s, warm (cache loaded and every file stat'ed) %.2f s, cold/warm %.1fx%n",
                files, coldSeconds, warmSeconds, coldSeconds / warmSeconds);
    }
}
