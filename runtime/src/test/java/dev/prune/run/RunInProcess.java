package dev.prune.run;

import dev.prune.cli.Io;
import dev.prune.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code prune ARGS} in this process, in {@code cwd}: exit code and everything printed. */
public record RunInProcess(int exit, String log) {

    public static RunInProcess run(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = new Main().run(args, new Io(print, print, cwd));
        return new RunInProcess(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** The tiny ResNet recipe of the end-to-end tests, written to {@code dir/tiny.prune}. */
    public static Path tinyResnet(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tiny.prune"), TinyRecipes.recipe("resnet", dir.resolve("tiny.onnx"), 1));
    }

    /** The folder of stage {@code name} in a run folder. */
    public static Path stage(Path run, String name) throws IOException {
        try (Stream<Path> stages = Files.list(run)) {
            List<Path> found = stages.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("stage " + name + " in " + run + ": " + found);
            }
            return found.get(0);
        }
    }
}
