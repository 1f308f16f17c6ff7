package dev.prune.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a file and, transitively, what it imports: {@code std.*} from the standard library, quoted paths
 * relative to the importing file. Each file is read and parsed once; an import cycle is an error at the
 * import that closes it.
 *
 * <p>Imports stay inside the project: a quoted import names a {@code .prune} file by a relative path, and
 * the file (symbolic links followed) must lie in the root spec's folder tree or in a folder the user allowed
 * ({@code --allow-import DIR}). Anything else is refused before the file is opened, so that a diagnostic can
 * never show another file's content ({@code import "/etc/passwd"} once printed its first line).
 */
public final class ModuleLoader {

    private final Diagnostics diagnostics;
    private final Map<String, Module> loaded = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Deque<String> loading = new ArrayDeque<>();
    private final List<Path> allowed;
    private Path project;

    public ModuleLoader(Diagnostics diagnostics) {
        this(diagnostics, List.of());
    }

    /** @param allowed folders outside the root spec's folder from which imports may also be read */
    public ModuleLoader(Diagnostics diagnostics, List<Path> allowed) {
        this.diagnostics = diagnostics;
        this.allowed = allowed.stream().map(ModuleLoader::real).toList();
    }

    /** Every source read so far, by name, for rendering diagnostics. */
    public Map<String, Source> sources() {
        return sources;
    }

    /** Loads a root file from its text; empty when it or an import has syntax errors. */
    public Optional<Module> load(Source source) {
        Path location = pathOf(source.name());
        project = real(location == null ? Path.of("") : location.toAbsolutePath().getParent());
        return load(source, location);
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
            if (!permitted(anImport, written, base)) {
                return Optional.empty();
            }
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

    /** Whether the import names a .prune file inside the project or an allowed folder; reports why not. */
    private boolean permitted(Import anImport, String written, Path base) {
        if (!written.endsWith(".prune")) {
            diagnostics.error("import-not-prune", anImport.span(), "only .prune files can be imported, not '" + written + "'",
                    "an import names a spec file by a path relative to the importing file, e.g. import \"lib/common.prune\"");
            return false;
        }
        Path target;
        try {
            target = Path.of(written);
        } catch (RuntimeException e) {
            diagnostics.error("missing-import", anImport.span(), "'" + written + "' is not a valid path");
            return false;
        }
        Path file = real(base.resolve(target).normalize());
        boolean inAllowed = allowed.stream().anyMatch(file::startsWith);
        if (target.isAbsolute() ? inAllowed : inAllowed || file.startsWith(project)) {
            return true;
        }
        String folder = display(project);
        String why = target.isAbsolute() ? "an absolute path" : "outside the spec's folder " + (folder.isEmpty() ? "." : folder);
        diagnostics.error("import-outside-project", anImport.span(), "cannot import '" + written + "': " + why,
                "imports are relative to the importing file and stay in the spec's folder tree;"
                        + " to read specs from another folder, allow it: --allow-import DIR");
        return false;
    }

    /** The path with symbolic links resolved as far as it exists, so that a link cannot lead an import outside. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
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
