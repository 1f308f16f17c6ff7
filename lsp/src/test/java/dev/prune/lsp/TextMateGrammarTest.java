package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.prune.grammar.PruneLexer;
import dev.prune.lang.Catalogue;
import dev.prune.lang.SectionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The VS Code grammar highlights exactly the lexer's keywords, and names settings, sections and verbs as the catalogue does. */
class TextMateGrammarTest {

    private static final Path GRAMMAR = Path.of("..", "editors", "vscode", "syntaxes", "prune.tmLanguage.json");
    /** A group of plain words in a regex: (a|b|c) or (?:a|b). */
    private static final Pattern WORD_GROUP = Pattern.compile("\\((?:\\?:)?([a-z_]+(?:\\|[a-z_]+)*)\\)");

    private static JsonObject repository() throws IOException {
        return JsonParser.parseString(Files.readString(GRAMMAR)).getAsJsonObject().getAsJsonObject("repository");
    }

    /** The words of every plain-word group in a rule's regexes, nested rules included. */
    private static Set<String> words(JsonElement rule) {
        Set<String> words = new TreeSet<>();
        if (rule.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : rule.getAsJsonObject().entrySet()) {
                if ((field.getKey().equals("match") || field.getKey().equals("begin")) && field.getValue().isJsonPrimitive()) {
                    Matcher matcher = WORD_GROUP.matcher(field.getValue().getAsString());
                    while (matcher.find()) {
                        words.addAll(Arrays.asList(matcher.group(1).split("\\|")));
                    }
                } else {
                    words.addAll(words(field.getValue()));
                }
            }
        } else if (rule.isJsonArray()) {
            rule.getAsJsonArray().forEach(r -> words.addAll(words(r)));
        }
        return words;
    }

    @Test
    void keywordsAreTheLexersKeywords() throws IOException {
        Set<String> highlighted = new TreeSet<>();
        repository().entrySet().stream().filter(e -> e.getKey().startsWith("keyword-")).forEach(e -> highlighted.addAll(words(e.getValue())));
        Set<String> lexer = new TreeSet<>();
        for (int type = 1; type <= PruneLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = PruneLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'[a-z_]+'")) {
                lexer.add(literal.substring(1, literal.length() - 1));
            }
        }
        assertEquals(lexer, highlighted);
    }

    @Test
    void settingsSectionsAndVerbsAreTheCatalogues() throws IOException {
        JsonObject repository = repository();
        Set<String> settings = new TreeSet<>();
        Catalogue.RECIPE_SETTINGS.forEach(s -> settings.add(s.key()));
        Catalogue.SECTIONS.values().forEach(list -> list.forEach(s -> settings.add(s.key())));
        assertEquals(settings, words(repository.get("keyword-settings")));
        Set<String> sections = new TreeSet<>();
        Arrays.stream(SectionKind.values()).forEach(k -> sections.add(k.keyword()));
        assertEquals(sections, words(repository.get("keyword-sections")));
        Set<String> verbs = new TreeSet<>(Catalogue.TRANSFORM_VERBS.keySet());
        verbs.addAll(Catalogue.RULE_VERBS.keySet());
        assertEquals(verbs, words(repository.get("directive-verbs")));
    }
}
