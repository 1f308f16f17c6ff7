package dev.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: expected text kept beside the test inputs. Run with {@code -Dprune.updateGoldens=true} to
 * rewrite them from the current output, then review the diff in git.
 */
public final class Goldens {

    private Goldens() {
    }

    public static void assertMatches(Path golden, String actual) {
        try {
            if (Boolean.getBoolean("prune.updateGoldens") || !Files.exists(golden)) {
                if (!Boolean.getBoolean("prune.updateGoldens")) {
                    throw new AssertionError("missing golden file " + golden + "; run with -Dprune.updateGoldens=true to create it");
                }
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "differs from golden " + golden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
