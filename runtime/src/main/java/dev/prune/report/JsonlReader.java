package dev.prune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads JSON-lines files written by {@link MetricsLog}. Only the last line may be damaged, since only a kill
 * while writing it can tear a line: it is skipped and named in a warning. A bad line anywhere else means the
 * file was not written by the contract, and reading fails with its line number.
 */
public final class JsonlReader {

    /** The records read, in file order, and what was skipped (human-readable, with file and line). */
    public record Result<T>(List<T> records, List<String> warnings) {

        public Result {
            records = List.copyOf(records);
            warnings = List.copyOf(warnings);
        }
    }

    private JsonlReader() {
    }

    /** A training stage's {@code metrics.jsonl}: epoch and step records mixed. */
    public static Result<MetricLine> readMetrics(Path file) {
        return read(file, MetricLine::fromJson);
    }

    /** The search stage's {@code candidates.jsonl}. */
    public static Result<CandidateLine> readCandidates(Path file) {
        return read(file, CandidateLine::fromJson);
    }

    /** Every non-blank line of {@code file}, parsed as a JSON object and converted by {@code convert}. */
    public static <T> Result<T> read(Path file, Function<Map<String, Object>, T> convert) {
        List<String> lines = readLines(file);
        int last = lastNonBlank(lines);
        List<T> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> json;
            try {
                json = JsonReader.parseObject(line);
            } catch (JsonSyntaxException e) {
                String where = file + ":" + (i + 1);
                if (i == last) {
                    warnings.add(where + ": skipped a torn last line (" + e.getMessage() + ")");
                    continue;
                }
                throw new RecordFormatException(where + ": not a JSON object: " + e.getMessage(), e);
            }
            try {
                records.add(convert.apply(json));
            } catch (IllegalArgumentException | ArithmeticException e) {
                // A missing key, a wrong type, or a value the record rejects (epoch 0, an epoch beyond int).
                throw new RecordFormatException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Result<>(records, warnings);
    }

    private static List<String> readLines(Path file) {
        try {
            // Decoded leniently: a line torn inside a multi-byte character must reach the torn-line rule
            // (a warning) rather than fail the whole file as malformed UTF-8.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return List.of(text.split("\r?\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int lastNonBlank(List<String> lines) {
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        return last;
    }
}
