package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.lang.BlockCatalog;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import dev.prune.rewrite.MergePayoff;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zoo's models as the checker sees them: built with shapes only (no weights), their blocks found
 * by {@link BlockFinder}, each block's merge judged by {@link MergePayoff}. Results are cached per model, input and
 * class count (and per transform and rules for payoffs, a merge per block being the costly part), because a file
 * of many recipes usually declares few models. Registered in {@code META-INF/services}.
 */
public final class ZooBlockCatalog implements BlockCatalog {

    private static final Map<String, List<BlockInfo>> CACHE = new ConcurrentHashMap<>();
    private static final Map<List<Object>, Payoff> PAYOFFS = new ConcurrentHashMap<>();

    @Override
    public List<BlockInfo> blocks(Value.Fn architecture, List<Integer> input, int classes) {
        String key = key(architecture, input, classes);
        List<BlockInfo> cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Graph graph = build(architecture, input, classes);
        List<BlockInfo> blocks = new ArrayList<>();
        for (Block block : BlockFinder.find(graph)) {
            blocks.add(new BlockInfo(block.name(), block.isCandidate(), block.rejection().orElse(""), block.cost().macs(),
                    block.cost().params(), block.residual()));
        }
        List<BlockInfo> result = List.copyOf(blocks);
        CACHE.put(key, result);
        return result;
    }

    @Override
    public Map<String, Payoff> payoffs(Value.Fn architecture, List<Integer> input, int classes, RuleSet transform, RuleSet rules,
            List<String> blocks) {
        String model = key(architecture, input, classes);
        List<String> missing = blocks.stream().filter(b -> !PAYOFFS.containsKey(List.of(model, transform, rules, b))).toList();
        if (!missing.isEmpty()) {
            MergePayoff.of(build(architecture, input, classes), Transform.from(dev.prune.plan.RuleDecls.of(transform)), MergeRules.from(dev.prune.plan.RuleDecls.of(rules)), missing)
                    .forEach((block, payoff) -> PAYOFFS.put(List.of(model, transform, rules, block),
                            new Payoff(payoff.pays(), payoff.describe())));
        }
        Map<String, Payoff> out = new LinkedHashMap<>();
        blocks.forEach(b -> out.put(b, PAYOFFS.get(List.of(model, transform, rules, b))));
        return out;
    }

    private static String key(Value.Fn architecture, List<Integer> input, int classes) {
        return architecture.name() + zooArguments(architecture) + input + classes;
    }

    private static Graph build(Value.Fn architecture, List<Integer> input, int classes) {
        try {
            return Zoo.build(architecture.name(), zooArguments(architecture), ImageShape.of(input.get(0), input.get(1), input.get(2)),
                    classes, BuildOptions.shapesOnly());
        } catch (dev.prune.ir.IrException e) {
            // Shape inference refuses what the arguments ask (a window larger than the image it slides over):
            // the user's numbers, reported as the interface promises.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public java.util.Optional<String> unexportable(Value.Fn architecture, List<Integer> input, int classes) {
        return dev.prune.onnx.OnnxExporter.tooLarge(build(architecture, input, classes));
    }

    /** The checked call's arguments as the zoo takes them; {@code none} means "the zoo's default" and is left out. */
    public static Map<String, Object> zooArguments(Value.Fn architecture) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<String, Resolved> arg : architecture.args().entrySet()) {
            Object value = plain(arg.getValue().value());
            if (value != null) {
                args.put(arg.getKey(), value);
            }
        }
        return args;
    }

    private static Object plain(Value value) {
        if (value instanceof Value.Num num) {
            return num.isInteger() ? (Object) (int) num.value() : (Object) num.value();
        }
        if (value instanceof Value.Lst list) {
            return list.items().stream().map(ZooBlockCatalog::plain).toList();
        }
        if (value instanceof Value.Str str) {
            return str.value();
        }
        if (value instanceof Value.Sym sym && sym.name().equals("none")) {
            return null;
        }
        throw new IllegalArgumentException("a model argument must be a number, a list of numbers or a path, not " + value);
    }
}
