package dev.prune.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Where a command writes, and the directory relative paths start from: injectable, so tests run commands in-process. */
public record Io(PrintStream out, PrintStream err, Path workingDirectory) {

    public static Io system() {
        return new Io(System.out, System.err, Path.of("").toAbsolutePath());
    }
}
