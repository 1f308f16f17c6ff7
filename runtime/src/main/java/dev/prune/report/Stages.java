package dev.prune.report;

import java.util.List;

/** The stage names a plan uses, in the order they run; reports list stages in this order. */
final class Stages {

    static final List<String> ORDER = List.of("baseline", "supernet", "search", "subnet", "merge", "export");

    /** The training stages, which write per-epoch metrics. */
    static final List<String> TRAINING = List.of("baseline", "supernet", "subnet");

    private Stages() {
    }

    /** Position in {@link #ORDER}; unknown stages go after the known ones. */
    static int rank(String stage) {
        int i = ORDER.indexOf(stage);
        return i < 0 ? ORDER.size() : i;
    }
}
