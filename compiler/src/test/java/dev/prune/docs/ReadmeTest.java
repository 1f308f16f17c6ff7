package dev.prune.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's tour of the language stays true: every whole-file example in it checks clean, and its account of
 * transform and rule declarations names every verb and target the Catalogue has. (The reference tables are
 * generated into docs/language.md; GeneratedReferenceTest keeps that file up to date.)
 */
class ReadmeTest {

    private static final Path REFERENCE = Path.of("..", "README.md");

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
