package dev.prune.cli;

import dev.prune.io.AtomicFiles;
import dev.prune.lang.Formatter;
import dev.prune.lang.ParsedFile;
import dev.prune.lang.Source;
import dev.prune.lang.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;

/** {@code prune fmt FILE...}: the canonical text; {@code --check} lists files that differ, {@code --write} rewrites them. */
final class FmtCommand implements Command {

    @Override
    public String name() {
        return "fmt";
    }

    @Override
    public String usage() {
        return "FILE... [--check | --write]";
    }

    @Override
    public String summary() {
        return "print .prune files in canonical form, check that they are, or rewrite them";
    }

    @Override
    public Options options() {
        OptionGroup mode = new OptionGroup()
                .addOption(Option.builder().longOpt("check").desc("exit 1 and name the files that are not in canonical form").get())
                .addOption(Option.builder().longOpt("write").desc("rewrite files in place (only those that change)").get());
        return new Options().addOptionGroup(mode);
    }

    @Override
    public int run(CommandLine line, Io io) throws IOException {
        List<String> files = List.of(line.getArgs());
        if (files.isEmpty()) {
            throw new UserError("fmt needs at least one FILE");
        }
        boolean syntaxErrors = false;
        int unformatted = 0;
        for (String file : files) {
            Source source = SpecFiles.read(io, file);
            ParsedFile parsed = SpecParser.parse(source);
            if (!parsed.ok()) {
                io.err().print(new dev.prune.lang.DiagnosticRenderer(java.util.Map.of(source.name(), source)).render(parsed.diagnostics()));
                syntaxErrors = true;
                continue;
            }
            String formatted = Formatter.format(parsed);
            boolean changed = !formatted.equals(source.text());
            if (line.hasOption("check")) {
                if (changed) {
                    io.err().println("not formatted: " + file);
                    unformatted++;
                }
            } else if (line.hasOption("write")) {
                if (changed) {
                    AtomicFiles.write(SpecFiles.resolve(io, file), formatted);
                    io.err().println("formatted " + file);
                }
            } else {
                io.out().print(formatted);
            }
        }
        if (syntaxErrors) {
            return ExitCode.USAGE;
        }
        return unformatted > 0 ? ExitCode.FAILED : ExitCode.OK;
    }
}
