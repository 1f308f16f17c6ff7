package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.lang.BlockCatalog;
import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zoo's models as the checker sees them: built with shapes only (no weights), their blocks found
 * by {@link BlockFinder}. Results are cached per model, input and class count, because a file of many
 * recipes usually declares few models. Registered in {@code META-INF/services}.
 */
public final class ZooBlockCatalog implements BlockCatalog {

    private static final Map<String, List<BlockInfo>> CACHE = new ConcurrentHashMap<>();

    @Override
    public List<BlockInfo> blocks(Value.Fn architecture, List<Integer> input, int classes) {
        Map<String, Object> args = zooArguments(architecture);
        String key = architecture.name() + args + input + classes;
        List<BlockInfo> cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Graph graph = Zoo.build(architecture.name(), args, ImageShape.of(input.get(0), input.get(1), input.get(2)), classes,
                BuildOptions.shapesOnly());
        List<BlockInfo> blocks = new ArrayList<>();
        for (Block block : BlockFinder.find(graph)) {
            blocks.add(new BlockInfo(block.name(), block.isCandidate(), block.rejection().orElse(""), block.cost().macs(),
                    block.cost().params(), block.residual()));
        }
        List<BlockInfo> result = List.copyOf(blocks);
        CACHE.put(key, result);
        return result;
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
