package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Diagnostic;
import dev.prune.lang.ParsedFile;
import dev.prune.lang.RecipeDecl;
import dev.prune.lang.RecipeItem;
import dev.prune.lang.Section;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.Source;
import dev.prune.lang.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In every example, at every place a setting may start (before each statement of a recipe or a section,
 * and before its closing brace), completion offers exactly the settings the checker accepts there. The
 * checker is the oracle: each setting of the catalogue is written at the place, and it is accepted when
 * the file still parses and the checker reports no new unknown, misplaced, duplicate or conflicting setting.
 */
class SettingCompletionTest {

    private static final Set<String> SETTING_CODES = Set.of("unknown-setting", "misplaced-setting", "duplicate-setting", "conflicting-settings");

    /** A value each setting parses with; types are not what this test is about. */
    private static final Map<String, String> SAMPLES = Map.of("transform", "updp.block", "merge", "updp.merge",
            "score", "top1 on val", "verify", "atol 1e-4", "bench", "batch [1]", "executor", "local",
            "init", "baseline", "recalibrate", "8 batches", "until", "converged");

    /** Settings of other sections, tried everywhere: completion must not offer them, and the checker must refuse them. */
    private static final Set<String> FOREIGN = Set.of("epochs", "batch", "device");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Session.example(""))) {
            return files.filter(f -> f.toString().endsWith(".prune")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void completionOffersExactlyTheSettingsTheCheckerAccepts(Path example) throws Exception {
        String text = Files.readString(example);
        ParsedFile parsed = SpecParser.parse(new Source(example.toString(), text));
        assertTrue(parsed.ok(), example + " parses");
        // Each place, with the settings tried there: the frame's own and the recipe's, and a few of other sections.
        Map<Integer, Set<String>> positions = new java.util.TreeMap<>();
        Set<String> recipeKeys = new TreeSet<>(FOREIGN);
        Catalogue.RECIPE_SETTINGS.forEach(s -> recipeKeys.add(s.key()));
        for (RecipeDecl recipe : parsed.ast().orElseThrow().recipes()) {
            for (RecipeItem item : recipe.items()) {
                positions.put(item.span().start(), recipeKeys);
                if (item instanceof Section section) {
                    Set<String> keys = new TreeSet<>(recipeKeys);
                    Catalogue.SECTIONS.get(section.kind()).forEach(s -> keys.add(s.key()));
                    section.settings().forEach(s -> positions.put(s.span().start(), keys));
                    positions.put(section.span().end() - 1, keys);
                }
            }
            positions.put(recipe.span().end() - 1, recipeKeys);
        }
        assertTrue(positions.size() > 10, "positions walked in " + example);
        long baseline = settingErrors(compile(example, text));
        Session session = new Session();
        String uri = Session.uri(example);
        session.open(uri, text);
        int acceptedSomewhere = 0;
        for (Map.Entry<Integer, Set<String>> place : positions.entrySet()) {
            int offset = place.getKey();
            Set<String> offered = new TreeSet<>();
            for (CompletionItem item : session.complete(uri, new TextPositions(text).position(offset))) {
                if (item.getKind() == CompletionItemKind.Property) {
                    offered.add(item.getLabel());
                }
            }
            Set<String> accepted = new TreeSet<>();
            for (String key : place.getValue()) {
                // The ';' keeps the next line's first word from reading as the sample's unit ("1 epochs").
                String edited = text.substring(0, offset) + key + " " + SAMPLES.getOrDefault(key, "1") + ";\n" + text.substring(offset);
                Compilation compilation = compile(example, edited);
                boolean parses = compilation.diagnostics().stream().noneMatch(d -> d.code().equals("syntax"));
                if (parses && settingErrors(compilation) == baseline) {
                    accepted.add(key);
                }
            }
            acceptedSomewhere += accepted.size();
            assertEquals(accepted, offered, example.getFileName() + " at " + new TextPositions(text).position(offset));
        }
        assertFalse(acceptedSomewhere == 0, "some setting is accepted somewhere in " + example);
    }

    private static Compilation compile(Path example, String text) {
        return Compiler.compile(new Source(example.toString(), text), List.of());
    }

    private static long settingErrors(Compilation compilation) {
        return compilation.diagnostics().stream().map(Diagnostic::code).filter(SETTING_CODES::contains).count();
    }
}
