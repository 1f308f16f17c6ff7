package dev.prune.lang;

import java.util.Arrays;
import java.util.Optional;

/** The sections of a recipe, with the keyword that opens each. */
public enum SectionKind {
    MODEL("model"),
    DATA("data"),
    TRAIN("train"),
    SPACE("space"),
    SEARCH("search"),
    EXPORT("export"),
    RUNTIME("runtime");

    private final String keyword;

    SectionKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<SectionKind> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(keyword)).findFirst();
    }
}
