package dev.prune.report;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stage's output folder in a run, named {@code <stage>-<first 12 hex digits of its plan hash>}. */
public record StageFolder(String stage, String hash12, Path dir) {

    private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9_]*)-([0-9a-f]{12})");

    /** The folder's stage and hash, if its name has the stage-folder form. */
    static Optional<StageFolder> parse(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Optional.of(new StageFolder(m.group(1), m.group(2), dir)) : Optional.empty();
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path candidates() {
        return dir.resolve("candidates.jsonl");
    }
}
