package dev.prune.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Family;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.Source;
import dev.prune.lang.Value;
import dev.prune.lang.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's language reference keeps up with the Catalogue: every setting, clause, call and parameter has a table row
 * there, and the row shows the default the Catalogue has (or says the value is required).
 */
class LanguageReferenceTest {

    private static final Path REFERENCE = Path.of("..", "README.md");

    private static List<String> rows() throws IOException {
        return Files.readAllLines(REFERENCE).stream().filter(line -> line.startsWith("| ")).toList();
    }

    /** The table rows about {@code key}: a setting ({@code | `key ...}) or a clause ({@code | ↳ `key`}). */
    private static Stream<String> rowsOf(List<String> rows, String key, boolean clause) {
        String start = clause ? "| ↳ `" + key + "`" : "| `" + key;
        return rows.stream().filter(r -> r.startsWith(start + "`") || r.startsWith(start + " ") || clause && r.startsWith(start));
    }

    /** How a row shows the default: the value in backticks, "required", or "—" for a value absent unless written. */
    private static String defaultShown(Optional<Value> value, boolean required) {
        return value.map(v -> "`" + Values.show(v) + "`").orElse(required ? "required" : "—");
    }

    @Test
    void everySettingAndClauseHasARowWithItsDefault() throws IOException {
        List<String> rows = rows();
        List<String> missing = new ArrayList<>();
        List<SettingSpec> settings = new ArrayList<>(Catalogue.RECIPE_SETTINGS);
        Catalogue.SECTIONS.values().forEach(settings::addAll);
        for (SettingSpec setting : settings) {
            String shown = defaultShown(setting.defaultValue(), setting.required());
            if (!setting.clausesOnly() && rowsOf(rows, setting.key(), false).noneMatch(r -> r.contains(shown))) {
                missing.add("setting " + setting.key() + " with default " + shown);
            }
            if (setting.clausesOnly() && rowsOf(rows, setting.key(), false).findAny().isEmpty()) {
                missing.add("setting " + setting.key());
            }
            for (SettingSpec.ClauseSpec clause : setting.clauses()) {
                String clauseShown = defaultShown(clause.defaultValue(), clause.required());
                if (rowsOf(rows, clause.keyword(), true).noneMatch(r -> r.contains(clauseShown))) {
                    missing.add("clause " + setting.key() + " " + clause.keyword() + " with default " + clauseShown);
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> REFERENCE + " lacks rows for: " + missing);
    }

    @Test
    void everyCallHasARowWithEachParameterAndItsDefault() throws IOException {
        List<String> rows = rows();
        List<String> missing = new ArrayList<>();
        for (Family family : Catalogue.FAMILIES) {
            for (Family.CallSpec call : family.calls().values()) {
                List<String> callRows = rows.stream().filter(r -> r.startsWith("| `" + call.name() + "` |")).toList();
                for (Family.Param param : call.params()) {
                    String shown = param.defaultValue().map(v -> "(`" + Values.show(v) + "`)").orElse("(required)");
                    boolean documented = callRows.stream().anyMatch(r -> r.contains("`" + param.name() + "`")
                            && r.substring(r.indexOf("`" + param.name() + "`")).contains(shown));
                    if (!documented) {
                        missing.add(family.name() + " " + call.name() + "(" + param.name() + ") with default " + shown);
                    }
                }
                if (callRows.isEmpty()) {
                    missing.add(family.name() + " " + call.name());
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> REFERENCE + " lacks rows for: " + missing);
    }

    /** Every example that is a whole file (it starts with the header) checks clean. */
    @Test
    void theWholeFileExamplesCheckClean() throws IOException {
        String text = Files.readString(REFERENCE);
        String[] parts = text.split("```");
        int checked = 0;
        for (int i = 1; i < parts.length; i += 2) {
            String block = parts[i].substring(parts[i].indexOf('\n') + 1);
            if (block.matches("(?s)prune 1\\b.*") && block.contains("recipe ")) {
                Compilation compilation = Compiler.compile(new Source("README example " + (i / 2 + 1), block), List.of());
                assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
                checked++;
            }
        }
        assertTrue(checked > 0, "no whole-file example found");
    }

    @Test
    void everyDirectiveVerbAndTargetIsDescribed() throws IOException {
        String text = Files.readString(REFERENCE);
        List<String> missing = new ArrayList<>();
        Stream.of(Catalogue.TRANSFORM_VERBS, Catalogue.RULE_VERBS).forEach(verbs -> verbs.forEach((verb, targets) -> {
            Stream.concat(Stream.of(verb), targets.stream()).filter(word -> !text.contains("`" + word)).forEach(missing::add);
        }));
        Stream.concat(Catalogue.REPLACEMENTS.stream(), Catalogue.RULE_METRICS.stream())
                .filter(word -> !text.contains("`" + word + "`")).forEach(missing::add);
        assertTrue(missing.isEmpty(), () -> REFERENCE + " does not mention: " + missing);
    }
}
