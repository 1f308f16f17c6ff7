package dev.prune.lang;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A setting a section accepts: its key, the type of its value (or of each value, for a list setting
 * such as {@code augment a, b}), its clauses, whether it is required and its default.
 *
 * @param only the section subjects it applies to (e.g. {@code sample} only in {@code train supernet}); empty for all
 */
public record SettingSpec(String key, Type type, boolean many, List<ClauseSpec> clauses, boolean required,
        Optional<Value> defaultValue, Set<String> only, String doc) {

    public SettingSpec {
        clauses = List.copyOf(clauses);
        only = Set.copyOf(only);
    }

    public static SettingSpec required(String key, Type type, String doc) {
        return new SettingSpec(key, type, false, List.of(), true, Optional.empty(), Set.of(), doc);
    }

    public static SettingSpec optional(String key, Type type, Value defaultValue, String doc) {
        return new SettingSpec(key, type, false, List.of(), false, Optional.of(defaultValue), Set.of(), doc);
    }

    /** A setting with no default, absent unless written. */
    public static SettingSpec absentUnlessWritten(String key, Type type, String doc) {
        return new SettingSpec(key, type, false, List.of(), false, Optional.empty(), Set.of(), doc);
    }

    /** A key written with clauses only, such as {@code verify atol 1e-4}. */
    public static SettingSpec clausesOnly(String key, String doc) {
        return new SettingSpec(key, null, false, List.of(), false, Optional.empty(), Set.of(), doc);
    }

    public SettingSpec asList() {
        return new SettingSpec(key, type, true, clauses, required, defaultValue, only, doc);
    }

    public SettingSpec withClause(ClauseSpec clause) {
        List<ClauseSpec> more = new java.util.ArrayList<>(clauses);
        more.add(clause);
        return new SettingSpec(key, type, many, more, required, defaultValue, only, doc);
    }

    public SettingSpec onlyIn(String... subjects) {
        return new SettingSpec(key, type, many, clauses, required, defaultValue, Set.of(subjects), doc);
    }

    /** Whether the key is written alone, all its content in clauses: {@code verify atol 1e-4}. */
    public boolean clausesOnly() {
        return type == null;
    }

    /**
     * A clause: {@code from train}, {@code except "..."}, {@code where ...}.
     *
     * @param many whether the clause takes a list ({@code except "a", "b"}; {@code where a and b})
     */
    public record ClauseSpec(String keyword, Type type, boolean many, boolean required, Optional<Value> defaultValue) {
        public static ClauseSpec required(String keyword, Type type) {
            return new ClauseSpec(keyword, type, false, true, Optional.empty());
        }

        public static ClauseSpec optional(String keyword, Type type, Value defaultValue) {
            return new ClauseSpec(keyword, type, false, false, Optional.of(defaultValue));
        }

        public static ClauseSpec list(String keyword, Type type) {
            return new ClauseSpec(keyword, type, true, false, Optional.of(new Value.Lst(List.of())));
        }
    }
}
