package dev.prune.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code --allow-import DIR}, repeatable: a folder outside the spec's folder tree that its imports may read. */
final class AllowImportOption {

    private AllowImportOption() {
    }

    static Option option() {
        return Option.builder().longOpt("allow-import").hasArg().argName("DIR")
                .desc("let imports read .prune files from DIR too (repeatable); by default only the spec's folder tree").get();
    }

    static List<Path> values(CommandLine line, Io io) {
        String[] values = line.getOptionValues("allow-import");
        return values == null ? List.of() : Arrays.stream(values).map(v -> SpecFiles.resolve(io, v)).toList();
    }
}
