package dev.prune.plan;

import dev.prune.BenchSize;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rechecking a dataset folder that did not change: 100,000 small files in 100 folders (2,000 at smoke size),
 * digested cold (no digest cache: every file read), then warm from the on-disk cache in a fresh instance, as
 * the next {@code prune plan} would (cache file loaded, the folder walked once, nothing read). Both run with
 * the files in the operating system's page cache, so "cold" is about prune's cache, not the disk's. Prints
 * the times and their ratio; asserts nothing about time, only that cold and warm agree and that warm read no file.
 */
@Tag("benchmark")
class DigestBenchmark {

    @TempDir
    Path dir;

    @Test
    void warmRecheckOfAFolderOfSmallFiles() throws IOException, InterruptedException {
        int files = BenchSize.pick(2_000, 100_000);
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
        // Files modified within the racy window are read on every recheck (see ContentDigests); a dataset is older.
        Thread.sleep(ContentDigests.RACY_NANOS / 1_000_000 + 100);
        Path cache = dir.resolve("digests.bin");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        ContentDigests cold = ContentDigests.cachedIn(cache);
        String first = cold.digest(data);
        cold.save();
        double coldSeconds = (System.nanoTime() - start) / 1e9;
        double coldCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;

        start = System.nanoTime();
        cpu = threads.getCurrentThreadCpuTime();
        ContentDigests warm = ContentDigests.cachedIn(cache);
        String again = warm.digest(data);
        double warmSeconds = (System.nanoTime() - start) / 1e9;
        double warmCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        if (!first.equals(again)) {
            throw new AssertionError("the warm digest differs from the cold one");
        }
        if (warm.filesRead() != 0) {
            throw new AssertionError("the warm recheck read " + warm.filesRead() + " files");
        }
        // The machine is shared: the thread's CPU time (user and system, so the stat calls count) says what the
        // recheck costs when the wall time says how long others made it wait.
        System.out.printf("digest of %d files: cold %.2f s (thread CPU %.2f s), warm (cache loaded and every file stat'ed) %.2f s"
                        + " (thread CPU %.2f s), cold/warm %.1fx; cache file %d bytes; load average %.1f%n",
                files, coldSeconds, coldCpu, warmSeconds, warmCpu, coldSeconds / warmSeconds, Files.size(cache),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
