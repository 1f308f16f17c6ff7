package dev.prune.data;

import java.util.List;

/**
 * What a reader found, before the validation split and the caps: the pool training draws from, the test
 * split, the class names, and where each came from in words (for the run's log).
 */
record Pools(Split trainPool, Split test, List<String> classes, String trainFrom, String testFrom) {

    Pools {
        classes = List.copyOf(classes);
    }
}
