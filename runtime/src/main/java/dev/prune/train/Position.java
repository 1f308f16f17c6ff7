package dev.prune.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a stage stands: the next step to run, as a global step and as a batch of an epoch. Nothing random
 * needs saving beside it: batches are fixed by (seed, epoch), the supernet's draws by (seed, step), and the
 * forward pass has no randomness (no dropout).
 *
 * @param epoch        the epoch of the next step
 * @param batchInEpoch batches of that epoch already done; skip them when resuming
 * @param step         steps done since the stage's start: the next step's number
 * @param seed         the recipe's seed, checked on resume
 */
public record Position(String stage, int epoch, int batchInEpoch, long step, long seed) {

    /** At an epoch's end: the next step is the first of the following epoch. */
    public static Position afterEpoch(String stage, int epoch, long step, long seed) {
        return new Position(stage, epoch + 1, 0, step, seed);
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("epoch", Integer.toString(epoch));
        m.put("batch_in_epoch", Integer.toString(batchInEpoch));
        m.put("step", Long.toString(step));
        m.put("seed", Long.toString(seed));
        return m;
    }

    static Position fromMetadata(Map<String, String> m) {
        return new Position(m.get("stage"), Integer.parseInt(m.get("epoch")), Integer.parseInt(m.get("batch_in_epoch")),
                Long.parseLong(m.get("step")), Long.parseLong(m.get("seed")));
    }
}
