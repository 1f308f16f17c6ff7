package dev.prune.report;

import dev.prune.plan.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a JSON-lines file ({@code metrics.jsonl}, {@code candidates.jsonl}), one compact object
 * per line, flushed after each line: a run killed at any point keeps every line it finished, and at worst
 * one torn last line, which {@link JsonlReader} skips.
 *
 * <p>Opening an existing file resumes it. If the previous writer was killed mid-line, that torn tail is cut
 * off first: otherwise the next record would be glued onto it and both would be lost.
 */
public final class MetricsLog implements AutoCloseable {

    private final Path file;
    private final BufferedWriter writer;
    private final long discardedBytes;

    private MetricsLog(Path file, BufferedWriter writer, long discardedBytes) {
        this.file = file;
        this.writer = writer;
        this.discardedBytes = discardedBytes;
    }

    /** Opens {@code file} for appending, creating it (and its folder) if needed. */
    public static MetricsLog open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long discarded = cutTornTail(file);
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new MetricsLog(file, writer, discarded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for appending: " + e.getMessage(), e);
        }
    }

    /** Writes {@code record} as one line and flushes it to the operating system. */
    public synchronized void append(JsonLine record) {
        // One write of the whole line, newline included, so a kill cannot split a line across two writes.
        String line = Json.compact(record.toJson()) + "\n";
        try {
            writer.write(line);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of a torn last line that {@link #open} removed; 0 when the file ended cleanly. */
    public long discardedBytes() {
        return discardedBytes;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** Truncates the file after its last newline; returns how many bytes that removed. */
    private static long cutTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            // Scans backwards byte by byte: a torn tail is at most one line, so this stays short.
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                channel.truncate(end);
            }
            return size - end;
        }
    }
}
