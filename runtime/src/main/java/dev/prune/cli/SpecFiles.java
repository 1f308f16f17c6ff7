package dev.prune.cli;

import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files given on the command line (.prune specs, ONNX models), with errors a user can act on. */
final class SpecFiles {

    private SpecFiles() {
    }

    static Path resolve(Io io, String argument) {
        return io.workingDirectory().resolve(argument).normalize();
    }

    /** The resolved path of a file that exists and is not a directory; the user error names it as written. */
    static Path existing(Io io, String argument) {
        Path path = resolve(io, argument);
        if (!Files.exists(path)) {
            throw new UserError("cannot read " + argument + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new UserError("cannot read " + argument + ": it is a directory");
        }
        return path;
    }

    /** The source, named as the user wrote the path, so that diagnostics point where the user looks. */
    static Source read(Io io, String argument) {
        Path path = existing(io, argument);
        try {
            return new Source(argument, Files.readString(path));
        } catch (MalformedInputException e) {
            throw new UserError("cannot read " + argument + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError("cannot read " + argument + ": " + e.getMessage());
        }
    }
}
