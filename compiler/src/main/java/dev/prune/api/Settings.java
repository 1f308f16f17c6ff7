package dev.prune.api;

import dev.prune.lang.Clause;
import dev.prune.lang.Expr;
import dev.prune.lang.Name;
import dev.prune.lang.Setting;
import dev.prune.lang.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one section, in the order first written. Setting a key again replaces it where it
 * stands, so that a builder can vary one setting of a shared recipe without moving the others.
 */
record Settings(List<Setting> list) {

    static final Settings EMPTY = new Settings(List.of());

    Settings {
        list = List.copyOf(list);
    }

    Settings put(String key, List<Expr> values) {
        return put(new Setting(Span.NONE, Name.of(key), values, List.of(), true));
    }

    Settings put(Setting setting) {
        List<Setting> out = new ArrayList<>(list);
        int at = indexOf(setting.keyText());
        if (at < 0) {
            out.add(setting);
        } else {
            out.set(at, setting);
        }
        return new Settings(out);
    }

    /** Puts {@code key} where {@code rival} stands, if it does, and drops the rival: for keys that exclude each other. */
    Settings putInstead(String rival, String key, List<Expr> values) {
        int at = indexOf(rival);
        if (at < 0) {
            return put(key, values);
        }
        List<Setting> out = new ArrayList<>(list);
        out.set(at, new Setting(Span.NONE, Name.of(key), values, List.of(), true));
        return new Settings(out);
    }

    Optional<Setting> get(String key) {
        int at = indexOf(key);
        return at < 0 ? Optional.empty() : Optional.of(list.get(at));
    }

    /**
     * Adds values to a clause of a setting already made ({@code except} of {@code blocks}, {@code where} of
     * {@code prune}), creating the clause if needed. The setting must exist: a clause alone has no meaning.
     */
    Settings addToClause(String key, String keyword, List<Expr> values) {
        Setting setting = get(key).orElseThrow(() -> new IllegalStateException("'" + keyword + "' needs '" + key + "' first"));
        List<Clause> clauses = new ArrayList<>();
        boolean found = false;
        for (Clause clause : setting.clauses()) {
            if (clause.keyword().equals(keyword)) {
                List<Expr> more = new ArrayList<>(clause.values());
                more.addAll(values);
                clause = new Clause(Span.NONE, keyword, more);
                found = true;
            }
            clauses.add(clause);
        }
        if (!found) {
            clauses.add(new Clause(Span.NONE, keyword, values));
        }
        return put(new Setting(Span.NONE, setting.key(), setting.values(), clauses, true));
    }

    private int indexOf(String key) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).keyText().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
