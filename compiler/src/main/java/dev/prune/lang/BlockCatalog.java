package dev.prune.lang;

import dev.prune.lang.CheckedRecipe.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The blocks of the model a recipe declares, so that the checker can resolve {@code space} selectors
 * against them. The language knows no models: the model zoo provides this through {@link ServiceLoader},
 * which keeps the language package free of the IR and lets a toolchain plug in its own models.
 */
public interface BlockCatalog {

    /**
     * The blocks of {@code architecture} (a checked call of the architecture family) for the given input
     * shape and class count, in graph order.
     *
     * @throws IllegalArgumentException when the model cannot be built for this input, with the reason
     */
    List<BlockInfo> blocks(Value.Fn architecture, List<Integer> input, int classes);

    /** A block as the checker sees it: its name, whether the transform can prune it (and why not), its cost. */
    record BlockInfo(String name, boolean candidate, String rejection, long macs, long params, boolean residual) {
    }

    /**
     * For each of {@code blocks}, whether pruning it alone pays once {@code transform} and {@code rules} have
     * merged it: the model has fewer layers or fewer MACs than merged unpruned. Computed from shapes, no weights.
     * A block the catalogue cannot judge is absent (the default judges none).
     */
    default Map<String, Payoff> payoffs(Value.Fn architecture, List<Integer> input, int classes, RuleSet transform, RuleSet rules,
            List<String> blocks) {
        return Map.of();
    }

    /**
     * Why the model could not be carried through a run's export, when it could not (its weights larger than one
     * ONNX file holds); empty when it can, or when the catalogue cannot tell.
     */
    default java.util.Optional<String> unexportable(Value.Fn architecture, List<Integer> input, int classes) {
        return java.util.Optional.empty();
    }

    /** Whether pruning a block pays, and what the merge leaves of it (for the note when it does not). */
    record Payoff(boolean pays, String merged) {
    }

    /** The catalogue found on the class path (the model zoo's), or one that knows no model. */
    static BlockCatalog standard() {
        return ServiceLoader.load(BlockCatalog.class, BlockCatalog.class.getClassLoader()).findFirst().orElse(NONE);
    }

    /** Knows no model: selectors are then checked for their form only. */
    BlockCatalog NONE = new BlockCatalog() {
        @Override
        public List<BlockInfo> blocks(Value.Fn architecture, List<Integer> input, int classes) {
            throw new UnsupportedOperationException("no block catalogue");
        }
    };
}
