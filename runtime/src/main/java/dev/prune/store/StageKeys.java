package dev.prune.store;

import java.util.regex.Pattern;

/** A stage key is a folder name, {@code <stage>-<hash>}: nothing that could climb out of the store. */
public final class StageKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private StageKeys() {
    }

    public static String check(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a stage key: '" + key + "'");
        }
        return key;
    }
}
