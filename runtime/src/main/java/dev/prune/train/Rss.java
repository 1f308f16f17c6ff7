package dev.prune.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, from {@code /proc/self/status}. It counts libtorch's native memory, which
 * the JVM's own figures do not see: the number that shows a per-step leak.
 */
public final class Rss {

    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {
    }

    /** Resident memory in MiB; NaN where there is no {@code /proc} (not Linux). */
    public static double currentMb() {
        if (!Files.isReadable(STATUS)) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:\t  123456 kB"
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
