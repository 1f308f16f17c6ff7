package dev.prune.plan;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The {@code search} section, bound.
 *
 * @param batches     score each candidate on at most this many batches of the split; empty: all of it
 * @param recalibrate recompute BatchNorm statistics for each candidate from this many training batches; empty: keep the shared ones
 * @param seed        the search's own seed; empty: the recipe's
 */
public record SearchPlan(Strategy strategy, Score score, NamedSplit split, OptionalInt batches, OptionalInt recalibrate,
        OptionalLong seed) {

    /** What ranks candidates: top-1 accuracy (higher is better) or the mean loss (lower is better). */
    public enum Score {
        TOP1, LOSS;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How candidate sets are chosen for scoring. */
    public sealed interface Strategy {
        String id();

        record Evolution(int population, int generations, double mutation) implements Strategy {
            @Override
            public String id() {
                return "evolution";
            }
        }

        /** {@code population} sets drawn at random (1: one draw, no search). */
        record RandomDraw(int population) implements Strategy {
            @Override
            public String id() {
                return "random";
            }
        }

        record Exhaustive() implements Strategy {
            @Override
            public String id() {
                return "exhaustive";
            }
        }
    }
}
