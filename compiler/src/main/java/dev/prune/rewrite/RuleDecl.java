package dev.prune.rewrite;

import java.util.List;

/**
 * A {@code transform} or {@code rules} declaration as the rewrite reads it: its directives, each with its
 * bounds on the block's cost. The planner translates the checked declaration into this, so the rewrite
 * depends on no type of the language.
 */
public record RuleDecl(String name, String file, List<Directive> directives) {

    public RuleDecl {
        directives = List.copyOf(directives);
    }

    /** {@code replace relu, gelu -> identity progressively}; {@code compose conv where macs <= 1.5 x}. */
    public record Directive(String verb, List<String> targets, String replacement, boolean progressively, List<RatioBound> where) {
        public Directive {
            targets = List.copyOf(targets);
            where = List.copyOf(where);
        }
    }

    /** {@code macs <= 1.5 x}: a bound on a block's cost after a rewrite, as a ratio to its cost before the merge. */
    public record RatioBound(Metric metric, Relation relation, double ratio) {

        public enum Metric {
            MACS, PARAMS, LAYERS;

            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public enum Relation {
            AT_MOST("<="), BELOW("<"), AT_LEAST(">="), ABOVE(">"), EQUAL("==");

            private final String symbol;

            Relation(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }

        /** Whether a measured ratio meets the bound. */
        public boolean allows(double measured) {
            return switch (relation) {
                case AT_MOST -> measured <= ratio;
                case BELOW -> measured < ratio;
                case AT_LEAST -> measured >= ratio;
                case ABOVE -> measured > ratio;
                case EQUAL -> measured == ratio;
            };
        }

        @Override
        public String toString() {
            double r = ratio;
            String number = r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
            return metric.id() + " " + relation.symbol() + " " + number + " x";
        }
    }
}
