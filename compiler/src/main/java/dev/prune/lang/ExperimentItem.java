package dev.prune.lang;

import java.util.List;

/** What an experiment's body holds: its seeds, its variants, its control and its comparisons. */
public sealed interface ExperimentItem extends Node
        permits ExperimentItem.Seeds, ExperimentItem.Variant, ExperimentItem.Control, ExperimentItem.Compare {

    /**
     * {@code seeds 1, 2, 3 for train.subnet, search}: each cell of the grid gives one of these to the {@code seed}
     * setting of each stage named (default: {@code train.subnet}); earlier stages keep their hashes and are shared.
     */
    record Seeds(Span span, List<Expr> values, List<QualifiedName> stages) implements ExperimentItem {
        public Seeds {
            values = List.copyOf(values);
            stages = List.copyOf(stages);
        }
    }

    /** {@code variant direct { train.subnet.progressive = immediate }}: the recipe with overrides. */
    record Variant(Span span, Name name, List<VariantItem> items) implements ExperimentItem {
        public Variant {
            items = List.copyOf(items);
        }

        public <T extends VariantItem> List<T> items(Class<T> kind) {
            return items.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /** {@code control longer_baseline}: the baseline trained on for as long as the pruned variants train after it. */
    record Control(Span span, Name name) implements ExperimentItem {
    }

    /** {@code compare updp - direct on test top1 paired}. */
    record Compare(Span span, Name left, Name right, Name split, Name metric) implements ExperimentItem {
    }

    /** What a variant's body holds. */
    sealed interface VariantItem extends Node permits Assignment, Draws, Match {
    }

    /** {@code train.subnet.init = supernet}: checked like {@code --set train.subnet.init=supernet}. */
    record Assignment(Span span, QualifiedName path, Expr value) implements VariantItem {
    }

    /** {@code draws 5}: the variant runs once per draw, giving the search its seed (1 to N). */
    record Draws(Span span, Expr count) implements VariantItem {
    }

    /** {@code macs within 5% of updp}: each draw's MACs lie within this share of those of the set variant updp chose. */
    record Match(Span span, Expr tolerance, Name reference) implements VariantItem {
    }
}
