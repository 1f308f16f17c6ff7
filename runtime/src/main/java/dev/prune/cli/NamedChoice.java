package dev.prune.cli;

import java.util.List;
import java.util.function.Function;

/** Picks one declaration of a file by the name an option gives ({@code --recipe}, {@code --experiment}), or the only one. */
final class NamedChoice {

    private NamedChoice() {
    }

    /** @param kind the declaration's keyword, which is also the option's name: {@code recipe}, {@code experiment} */
    static <T> T choose(List<T> declared, Function<T, String> name, String kind, String wanted, String file) {
        List<String> names = declared.stream().map(name).toList();
        if (declared.isEmpty()) {
            throw new UserError(file + " declares no " + kind);
        }
        if (wanted == null) {
            if (declared.size() > 1) {
                throw new UserError(file + " declares " + declared.size() + " " + kind + "s (" + String.join(", ", names)
                        + "): choose one with --" + kind + " NAME");
            }
            return declared.get(0);
        }
        return declared.stream().filter(d -> name.apply(d).equals(wanted)).findFirst()
                .orElseThrow(() -> new UserError(file + " has no " + kind + " '" + wanted + "'; it has " + String.join(", ", names)));
    }
}
