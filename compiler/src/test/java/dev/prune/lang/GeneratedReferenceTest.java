package dev.prune.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Family.CallSpec;
import dev.prune.lang.Family.Param;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedReferenceTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "language.md");

    /** docs/language.md is the catalogue's reference as generated now; -Dprune.updateDocs=true rewrites it. */
    @Test
    void checkedInReferenceIsUpToDate() throws IOException {
        String generated = LanguageReference.markdown();
        if (Boolean.getBoolean("prune.updateDocs")) {
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        assertEquals(generated, checkedIn, "docs/language.md is out of date: regenerate it with the command in its first lines");
    }

    @Test
    void everyArgumentSectionAndUnitIsDocumented() {
        List<String> missing = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Family family : Catalogue.FAMILIES) {
            for (CallSpec call : family.calls().values()) {
                assertTrue(!call.doc().isBlank(), family.name() + " " + call.name());
                for (Param param : call.params()) {
                    String key = family.name() + " " + call.name() + " " + param.name();
                    keys.add(key);
                    if (Catalogue.argumentDoc(family, call, param).isBlank()) {
                        missing.add(key);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "arguments without documentation");
        Set<String> orphans = new HashSet<>(Catalogue.ARGUMENT_DOCS.keySet());
        orphans.removeAll(keys);
        assertEquals(Set.of(), orphans, "documentation of arguments that do not exist");
        for (SectionKind kind : SectionKind.values()) {
            assertTrue(Catalogue.SECTION_DOCS.containsKey(kind), kind.keyword());
            Catalogue.SECTIONS.get(kind).forEach(s -> assertTrue(!s.doc().isBlank(), s.key()));
        }
        for (Unit unit : Unit.values()) {
            assertEquals(unit != Unit.NONE, Catalogue.UNIT_DOCS.containsKey(unit), unit.name());
        }
    }
}
