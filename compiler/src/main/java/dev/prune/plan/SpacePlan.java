package dev.prune.plan;

import java.util.List;

/**
 * The {@code space} section, bound: the candidate blocks (resolved by the checker from the selectors), how
 * many to prune, and the budgets a pruned set must meet.
 *
 * @param transform the name of the block transform ({@code updp.block}); its directives are {@link Plan#transform()}
 * @param leftOut   blocks the selectors match whose merge would not pay, left out of the candidates
 */
public record SpacePlan(List<String> blocks, List<String> except, int pruneMin, int pruneMax, List<Budget> where, String transform,
        List<String> candidates, List<String> leftOut) {

    public SpacePlan {
        blocks = List.copyOf(blocks);
        except = List.copyOf(except);
        where = List.copyOf(where);
        candidates = List.copyOf(candidates);
        leftOut = List.copyOf(leftOut);
    }

    /** {@code macs <= 0.8 x baseline}, {@code latency < 5 ms}: an upper bound on a metric of the pruned model. */
    public record Budget(Metric metric, boolean inclusive, double bound, BoundUnit unit) {

        public enum Metric {
            MACS, PARAMS, LATENCY;

            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public enum BoundUnit {
            /** A ratio to the unpruned model: {@code 0.8 x baseline}. */
            TIMES_BASELINE("x baseline"),
            MILLISECONDS("ms");

            private final String text;

            BoundUnit(String text) {
                this.text = text;
            }

            public String text() {
                return text;
            }
        }

        /** The bound in the pruned model's units: a ratio times the baseline's figure, or milliseconds as they are. */
        public double limit(double baseline) {
            return unit == BoundUnit.TIMES_BASELINE ? bound * baseline : bound;
        }

        public boolean allows(double value, double baseline) {
            double limit = limit(baseline);
            return inclusive ? value <= limit : value < limit;
        }

        @Override
        public String toString() {
            return metric.id() + (inclusive ? " <= " : " < ") + dev.prune.lang.Values.show(bound) + " " + unit.text();
        }
    }
}
