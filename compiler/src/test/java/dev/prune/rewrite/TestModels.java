package dev.prune.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Shared fixtures: std.updp's declarations as the compiler resolves them, and weights that test something. */
final class TestModels {

    private TestModels() {
    }

    private static CheckedRecipe recipe;

    /** The recipe of the planner's ConvNeXt example, which imports std.updp. */
    static synchronized CheckedRecipe recipe() {
        if (recipe == null) {
            try {
                String text = Files.readString(Path.of("src/test/resources/plan/convnext.prune"));
                Compilation c = Compiler.compile(new Source("convnext.prune", text), List.of());
                assertTrue(c.ok(), c::render);
                recipe = c.recipes().get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recipe;
    }

    /** std.updp's {@code transform block}. */
    static Transform transform() {
        return Transform.from(dev.prune.plan.RuleDecls.of(recipe().transform()));
    }

    /** std.updp's {@code rules merge}. */
    static MergeRules rules() {
        return MergeRules.from(dev.prune.plan.RuleDecls.of(recipe().rules()));
    }

    /**
     * Random statistics and affine parameters for every BatchNorm (mean ~ N(0, 0.5), var ~ U(0.5, 2), γ ~ U(0.5,
     * 1.5), β ~ N(0, 0.5)), LayerNorm, bias and layer scale, so that none of them can pass as an identity.
     */
    static Graph randomize(Graph graph, long seed) {
        return randomize(graph, seed, name -> true);
    }

    /** {@link #randomize} restricted to the parameters {@code transformed} has and {@code baseline} lacks. */
    static Graph randomizeNew(Graph transformed, Graph baseline, long seed) {
        return randomize(transformed, seed, name -> !baseline.isParameter(name));
    }

    private static Graph randomize(Graph graph, long seed, java.util.function.Predicate<String> which) {
        Random random = new Random(seed);
        Map<String, Tensor> values = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (n.op() == Op.BATCH_NORMALIZATION) {
                values.put(n.input(1), uniform(random, graph, n.input(1), 0.5, 1.5));
                values.put(n.input(2), normal(random, graph, n.input(2), 0.5));
                values.put(n.input(3), normal(random, graph, n.input(3), 0.5));
                values.put(n.input(4), uniform(random, graph, n.input(4), 0.5, 2));
            } else if (n.op() == Op.LAYER_NORMALIZATION) {
                values.put(n.input(1), uniform(random, graph, n.input(1), 0.5, 1.5));
                values.put(n.input(2), normal(random, graph, n.input(2), 0.2));
            }
        }
        for (Parameter p : graph.parameters().values()) {
            if (p.isTrainable() && !values.containsKey(p.name())) {
                if (p.name().endsWith(".bias")) {
                    values.put(p.name(), normal(random, graph, p.name(), 0.1));
                } else if (p.name().endsWith("layer_scale")) {
                    values.put(p.name(), uniform(random, graph, p.name(), 0.5, 1.5));
                }
            }
        }
        values.keySet().removeIf(which.negate());
        return graph.withParameters(values);
    }

    static Tensor input(long seed, int... shape) {
        Random random = new Random(seed);
        return Tensor.generate(i -> random.nextGaussian(), shape);
    }

    private static Tensor uniform(Random r, Graph g, String name, double lo, double hi) {
        return Tensor.generate(i -> lo + (hi - lo) * r.nextDouble(), g.parameter(name).orElseThrow().value().shape());
    }

    private static Tensor normal(Random r, Graph g, String name, double std) {
        return Tensor.generate(i -> std * r.nextGaussian(), g.parameter(name).orElseThrow().value().shape());
    }

    /** max |a − b| / max |a|. */
    static double relativeError(Tensor a, Tensor b) {
        assertTrue(a.sameShape(b), a + " vs " + b);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.size(); i++) {
            diff = Math.max(diff, Math.abs(a.get(i) - b.get(i)));
            scale = Math.max(scale, Math.abs(a.get(i)));
        }
        return diff / scale;
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        double diff = 0;
        for (int i = 0; i < a.size(); i++) {
            diff = Math.max(diff, Math.abs(a.get(i) - b.get(i)));
        }
        return diff;
    }
}
