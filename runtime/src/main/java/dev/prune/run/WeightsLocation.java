package dev.prune.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code weights checkpoint("...")} finds the weights: a weights file, a stage folder of an earlier run
 * ({@code runs/x/baseline-<hash>}, its {@code weights.bin}), a checkpoint folder ({@code model.bin}), or the
 * stage as the README writes it, {@code runs/x/baseline}: the newest finished {@code baseline-<hash>} there.
 */
final class WeightsLocation {

    static final String WEIGHTS = "weights.bin";
    private static final String MODEL = "model.bin";

    private WeightsLocation() {
    }

    /** A weights file or a checkpoint folder; the error says what was looked for. */
    static Path resolve(Path written) throws RunSetupException {
        if (Files.isRegularFile(written)) {
            return written;
        }
        if (Files.isDirectory(written)) {
            for (Path candidate : List.of(written.resolve(WEIGHTS), written.resolve(MODEL), written.resolve("checkpoint").resolve(MODEL))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.getFileName().toString().equals(MODEL) ? candidate.getParent() : candidate;
                }
            }
            throw new RunSetupException(written + ": this folder holds no " + WEIGHTS + ", " + MODEL + " or checkpoint/" + MODEL
                    + "; name a finished stage folder of an earlier run, e.g. runs/<recipe>/baseline");
        }
        Path parent = written.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent)) {
            String prefix = written.getFileName() + "-";
            try (Stream<Path> stages = Files.list(parent)) {
                Path newest = stages.filter(p -> p.getFileName().toString().startsWith(prefix))
                        .filter(p -> Files.isRegularFile(p.resolve(WEIGHTS)))
                        .max(Comparator.comparing(WeightsLocation::modified)).orElse(null);
                if (newest != null) {
                    return newest.resolve(WEIGHTS);
                }
            } catch (IOException e) {
                throw new RunSetupException(written + ": cannot list " + parent + ": " + e.getMessage(), e);
            }
            throw new RunSetupException(written + ": no such file or folder, and no finished stage folder " + prefix
                    + "<hash> with " + WEIGHTS + " in " + parent);
        }
        throw new RunSetupException(written + ": no such file or folder");
    }

    private static long modified(Path stage) {
        try {
            return Files.getLastModifiedTime(stage.resolve(WEIGHTS)).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
