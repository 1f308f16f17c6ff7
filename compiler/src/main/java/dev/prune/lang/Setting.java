package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * One statement inside a section, in a single shape for all of them: a key, its values, and clauses led by
 * a keyword. {@code epochs 3} is (epochs, [3], []); {@code val 2000 from train} is (val, [2000], [from train]);
 * {@code verify atol 1e-4} is (verify, [], [atol 1e-4]); {@code prune 2..6 where macs <= 0.8 x baseline} is
 * (prune, [2..6], [where macs <= 0.8 x baseline]).
 *
 * <p>{@code known} is false when the grammar did not recognise the key; the checker then reports it with the
 * nearest valid key.
 */
public record Setting(Span span, Name key, List<Expr> values, List<Clause> clauses, boolean known)
        implements RecipeItem {

    public Setting {
        values = List.copyOf(values);
        clauses = List.copyOf(clauses);
    }

    public Optional<Clause> clause(String keyword) {
        return clauses.stream().filter(c -> c.keyword().equals(keyword)).findFirst();
    }

    public String keyText() {
        return key.text();
    }
}
