package dev.prune.run;

import java.util.OptionalInt;

/**
 * {@code runtime { threads N }} for DJL's PyTorch engine. PyTorch reads its intra-op thread count once, when
 * DJL's engine starts, so this must run before anything touches the engine (a GPU device check does).
 * Inter-op work is kept to one thread: prune's graphs run one op at a time.
 */
final class EngineThreads {

    static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {
    }

    static void configure(OptionalInt threads) {
        threads.ifPresent(n -> {
            System.setProperty(INTRA_OP, Integer.toString(n));
            System.setProperty(INTER_OP, "1");
        });
    }
}
