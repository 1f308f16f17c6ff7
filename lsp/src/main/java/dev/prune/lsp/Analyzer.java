package dev.prune.lsp;

import dev.prune.lang.BlockCatalog;
import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.BlockCatalog.Payoff;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Checker;
import dev.prune.lang.Diagnostics;
import dev.prune.lang.Module;
import dev.prune.lang.ModuleLoader;
import dev.prune.lang.Overrides;
import dev.prune.lang.ParsedFile;
import dev.prune.lang.Source;
import dev.prune.lang.SpecParser;
import dev.prune.lang.Value;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a document as {@code prune check} does (read, import, check, with the model zoo's blocks), and
 * keeps the blocks the checker asked the catalogue for, so that completion and hover can list them.
 */
final class Analyzer {

    private final BlockCatalog catalog;

    Analyzer(BlockCatalog catalog) {
        this.catalog = catalog;
    }

    Analysis analyze(String uri, String text) {
        Source source = new Source(sourceName(uri), text);
        Diagnostics diagnostics = new Diagnostics();
        ModuleLoader loader = new ModuleLoader(diagnostics);
        Optional<Module> module = loader.load(source);
        Recording recording = new Recording(catalog);
        if (module.isPresent() && !diagnostics.hasErrors()) {
            new Checker(diagnostics, recording).check(module.get(), Overrides.none());
        }
        ParsedFile parsed = module.map(Module::parsed).orElseGet(() -> SpecParser.parse(source));
        return new Analysis(uri, new TextPositions(text), parsed, module, diagnostics.sorted(), recording.blocks, recording.payoffs);
    }

    /** Diagnostics name a file by its path, as the CLI does; imports are found relative to it. */
    static String sourceName(String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) {
                return Path.of(parsed).toString();
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            // an untitled buffer: its name is the URI itself
        }
        return uri;
    }

    /** The document's URI for a file named in a diagnostic; null for the standard library, which lives in the jar. */
    static String uriOf(String sourceName, String rootUri) {
        if (sourceName.equals(sourceName(rootUri))) {
            return rootUri;
        }
        if (sourceName.startsWith("std/")) {
            return null;
        }
        return Path.of(sourceName).toAbsolutePath().normalize().toUri().toString();
    }

    /** Passes requests through and keeps the last answers. */
    private static final class Recording implements BlockCatalog {
        private final BlockCatalog inner;
        private List<BlockInfo> blocks = List.of();
        private Map<String, Payoff> payoffs = Map.of();

        Recording(BlockCatalog inner) {
            this.inner = inner;
        }

        @Override
        public List<BlockInfo> blocks(Value.Fn architecture, List<Integer> input, int classes) {
            blocks = inner.blocks(architecture, input, classes);
            return blocks;
        }

        /** Judges every prunable block of the model, not only those asked for, so that hover can say it of any block. */
        @Override
        public Map<String, Payoff> payoffs(Value.Fn architecture, List<Integer> input, int classes, RuleSet transform, RuleSet rules,
                List<String> asked) {
            Set<String> all = new LinkedHashSet<>(asked);
            inner.blocks(architecture, input, classes).stream().filter(BlockInfo::candidate).forEach(b -> all.add(b.name()));
            payoffs = inner.payoffs(architecture, input, classes, transform, rules, List.copyOf(all));
            Map<String, Payoff> answer = new LinkedHashMap<>();
            asked.stream().filter(payoffs::containsKey).forEach(b -> answer.put(b, payoffs.get(b)));
            return answer;
        }
    }
}
