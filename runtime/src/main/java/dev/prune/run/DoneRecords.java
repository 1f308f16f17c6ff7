package dev.prune.run;

import dev.prune.report.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stage's {@code done.json}, which marks it finished. One that cannot be read (torn, edited, emptied) is
 * no proof that the stage finished: it is set aside as {@code done.json.damaged} and the stage runs again,
 * from its last good checkpoint when it has one.
 */
final class DoneRecords {

    private DoneRecords() {
    }

    /** The record, or null when the stage must run (no record, or a damaged one, which is moved aside). */
    static Map<String, Object> readOrNull(Path done, Progress progress) throws IOException {
        if (!Files.exists(done)) {
            return null;
        }
        String reason;
        try {
            return JsonReader.parseObject(Files.readString(done));
        } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
            reason = e.getMessage();
        }
        Path aside = done.resolveSibling(done.getFileName() + ".damaged");
        Files.move(done, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        progress.info("warning: " + done + " is damaged (" + reason + "); moved to " + aside.getFileName() + ", running the stage again");
        return null;
    }
}
