package dev.prune.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a file and, transitively, what it imports: {@code std.*} from the standard library, quoted paths
 * relative to the importing file. Each file is read and parsed once; an import cycle is an error at the
 * import that closes it.
 */
public final class ModuleLoader {

    private final Diagnostics diagnostics;
    private final Map<String, Module> loaded = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Deque<String> loading = new ArrayDeque<>();

    public ModuleLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Every source read so far, by name, for rendering diagnostics. */
    public Map<String, Source> sources() {
        return sources;
    }

    /** Loads a root file from its text; empty when it or an import has syntax errors. */
    public Optional<Module> load(Source source) {
        return load(source, pathOf(source.name()));
    }

    private Optional<Module> load(Source source, Path location) {
        sources.put(source.name(), source);
        ParsedFile parsed = SpecParser.parse(source);
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.ast().isEmpty()) {
            return Optional.empty();
        }
        loading.push(source.name());
        Map<String, Module> imports = new LinkedHashMap<>();
        boolean ok = true;
        for (Import anImport : parsed.ast().get().imports()) {
            Optional<Module> module = resolve(anImport, location);
            if (module.isEmpty()) {
                ok = false;
                continue;
            }
            String namespace = anImport.namespace();
            if (imports.containsKey(namespace)) {
                diagnostics.error("duplicate-import", anImport.span(), "'" + namespace + "' is imported twice",
                        "give one of them another name with 'as'");
                ok = false;
            }
            imports.put(namespace, module.get());
        }
        loading.pop();
        if (!ok) {
            return Optional.empty();
        }
        Module module = new Module(parsed, imports);
        loaded.put(source.name(), module);
        return Optional.of(module);
    }

    private Optional<Module> resolve(Import anImport, Path importer) {
        Source source;
        Path location;
        if (anImport.target() instanceof Import.Module named) {
            String dotted = named.name().dotted();
            if (!dotted.startsWith("std.")) {
                diagnostics.error("unknown-module", anImport.span(), "unknown module '" + dotted + "'",
                        "modules outside the standard library are imported by path: import \"lib/" + named.name().last() + ".prune\"");
                return Optional.empty();
            }
            Optional<Source> std = Stdlib.load(dotted);
            if (std.isEmpty()) {
                diagnostics.error("unknown-module", anImport.span(), "unknown module '" + dotted + "'",
                        Suggest.help(dotted, Stdlib.MODULES, "the standard library has"));
                return Optional.empty();
            }
            source = std.get();
            location = null;
        } else {
            String written = ((Import.Path) anImport.target()).path();
            Path base = importer == null ? Path.of(".") : importer.toAbsolutePath().getParent();
            Path file = base.resolve(written).normalize();
            String name = importer == null ? written : display(file);
            if (loading.contains(name)) {
                diagnostics.error("import-cycle", anImport.span(), "import cycle: " + cycle(name));
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                diagnostics.error("missing-import", anImport.span(), "cannot find '" + written + "' (looked for " + name + ")");
                return Optional.empty();
            }
            try {
                source = new Source(name, Files.readString(file));
            } catch (IOException e) {
                diagnostics.error("unreadable-import", anImport.span(), "cannot read '" + written + "': " + e.getMessage());
                return Optional.empty();
            }
            location = file;
        }
        if (loading.contains(source.name())) {
            diagnostics.error("import-cycle", anImport.span(), "import cycle: " + cycle(source.name()));
            return Optional.empty();
        }
        Module cached = loaded.get(source.name());
        return cached != null ? Optional.of(cached) : load(source, location);
    }

    private String cycle(String closing) {
        StringBuilder out = new StringBuilder();
        var path = new java.util.ArrayList<>(loading);
        java.util.Collections.reverse(path);
        int from = path.indexOf(closing);
        for (String name : path.subList(Math.max(0, from), path.size())) {
            out.append(name).append(" -> ");
        }
        return out.append(closing).toString();
    }

    /** Paths in diagnostics are relative to the working directory when the file lies below it. */
    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    private static Path pathOf(String name) {
        try {
            return Path.of(name);
        } catch (RuntimeException notAPath) {
            return null;
        }
    }
}
