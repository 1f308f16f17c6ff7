package dev.prune.cli;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Diagnostic;
import dev.prune.lang.DiagnosticRenderer;
import dev.prune.lang.Source;
import dev.prune.plan.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code prune check FILE...}: every diagnostic of every file, rendered or as JSON for editors. */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "FILE... [--json] [--set PATH=VALUE]...";
    }

    @Override
    public String summary() {
        return "check .prune files: exit 0 when clean, 2 with diagnostics on stderr";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("json").desc("print the diagnostics as JSON on stdout").get())
                .addOption(SetOption.option())
                .addOption(AllowImportOption.option());
    }

    @Override
    public int run(CommandLine line, Io io) {
        List<String> files = Arrays.asList(line.getArgs());
        if (files.isEmpty()) {
            throw new UserError("check needs at least one FILE");
        }
        List<String> sets = SetOption.values(line);
        List<Diagnostic> all = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (String file : files) {
            Compilation compilation = Compiler.compile(SpecFiles.read(io, file), sets, AllowImportOption.values(line, io));
            all.addAll(compilation.diagnostics());
            sources.putAll(compilation.sources());
        }
        if (line.hasOption("json")) {
            io.out().print(Json.pretty(toJson(all)));
        } else if (!all.isEmpty()) {
            io.err().print(new DiagnosticRenderer(sources).render(all));
        }
        return all.stream().anyMatch(Diagnostic::isError) ? ExitCode.USAGE : ExitCode.OK;
    }

    static List<Object> toJson(List<Diagnostic> diagnostics) {
        List<Object> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", d.span().file());
            entry.put("line", d.span().line());
            entry.put("column", d.span().column());
            entry.put("end_line", d.span().endLine());
            entry.put("end_column", d.span().endColumn());
            entry.put("severity", d.severity().label());
            entry.put("code", d.code());
            entry.put("message", d.message());
            entry.put("help", d.help());
            out.add(entry);
        }
        return out;
    }
}
