package dev.prune.rewrite;

import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the prunable blocks of any graph, from its structure and parameter names only (no per-architecture
 * code). Two kinds of single-entry, single-exit region are blocks:
 * <ol>
 *   <li><b>Residual</b>: an Add whose two operands both descend from one fork value; the block is every node
 *       between the fork and the Add. A ResNet basic block (with or without projection shortcut), a ConvNeXt
 *       block, MobileNetV2's skip blocks, each half of a transformer layer.</li>
 *   <li><b>Chain</b>: a sibling module of a residual block (same parent module, e.g. {@code features.2} next to
 *       {@code features.3}) whose nodes form a contiguous single-entry, single-exit run with at least two
 *       weighted layers. This finds MobileNetV2's inverted residuals without skip, and leaves out one-layer
 *       modules (stems, heads, downsampling convs).</li>
 * </ol>
 *
 * <p>Naming: the common module path of the block's state-dict parameters ({@code name} minus its last
 * segment), then climbing past container modules ({@code features.3.conv} → {@code features.3}) while the
 * parent holds no other parameters. Blocks that still share a name (the two halves of a ViT layer,
 * {@code blocks.3}) are named after their weighted layers instead ({@code blocks.3.attn}, {@code blocks.3.mlp}).
 */
public final class BlockFinder {

    private final Graph graph;
    private final Map<String, Integer> position = new HashMap<>();

    private BlockFinder(Graph graph) {
        this.graph = graph;
        for (int i = 0; i < graph.nodes().size(); i++) {
            position.put(graph.nodes().get(i).name(), i);
        }
    }

    /** The blocks of {@code graph}, in topological order of their first node. */
    public static List<Block> find(Graph graph) {
        return new BlockFinder(graph).find();
    }

    /** A region before it is named and costed. */
    private record Region(List<Node> nodes, String entry, String exit, boolean residual) {
    }

    private List<Block> find() {
        List<Region> regions = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (node.op() == Op.ADD) {
                residualRegion(node).ifPresent(regions::add);
            }
        }
        regions.addAll(chainRegions(name(regions), regions));
        regions.sort(Comparator.comparingInt(r -> position(r.nodes().get(0))));
        List<String> names = name(regions);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            Shape in = graph.shape(r.entry());
            Shape out = graph.shape(r.exit());
            blocks.add(new Block(names.get(i), r.nodes(), r.entry(), r.exit(), in, out,
                    CostModel.of(graph, r.nodes()), r.residual(), rejection(r, in, out)));
        }
        return blocks;
    }

    // ---- residual regions ----

    /** The region from the latest value both operands descend from, to {@code add}, if it is closed. */
    private Optional<Region> residualRegion(Node add) {
        if (add.inputs().size() != 2 || add.inputs().stream().anyMatch(graph::isParameter)) {
            return Optional.empty();
        }
        Set<String> common = ancestorValues(add.input(0));
        common.retainAll(ancestorValues(add.input(1)));
        Optional<String> fork = common.stream().max(Comparator.comparingInt(this::definedAt));
        if (fork.isEmpty()) {
            return Optional.empty();
        }
        Set<Node> downstream = descendantNodes(fork.get(), position(add));
        List<Node> region = new ArrayList<>();
        for (Node n : ancestorNodes(add)) {
            if (downstream.contains(n)) {
                region.add(n);
            }
        }
        if (region.isEmpty()) {
            return Optional.empty(); // x + x: no branch to prune
        }
        region.add(add);
        region.sort(Comparator.comparingInt(this::position));
        return closed(region, fork.get(), add.output())
                ? Optional.of(new Region(region, fork.get(), add.output(), true)) : Optional.empty();
    }

    /** {@code value} and every non-parameter value it is computed from. */
    private Set<String> ancestorValues(String value) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(value));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (!graph.isParameter(v) && seen.add(v)) {
                graph.producer(v).ifPresent(p -> todo.addAll(p.inputs()));
            }
        }
        return seen;
    }

    private Set<Node> ancestorNodes(Node node) {
        Set<Node> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(node.inputs());
        while (!todo.isEmpty()) {
            graph.producer(todo.pop()).filter(seen::add).ifPresent(p -> todo.addAll(p.inputs()));
        }
        return seen;
    }

    /** Nodes reading {@code value} directly or indirectly, up to topological position {@code limit}. */
    private Set<Node> descendantNodes(String value, int limit) {
        Set<Node> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(value));
        while (!todo.isEmpty()) {
            for (Node c : graph.consumers(todo.pop())) {
                if (position(c) <= limit && seen.add(c)) {
                    todo.addAll(c.outputs());
                }
            }
        }
        return seen;
    }

    // ---- chain regions ----

    /** Sibling modules of the residual blocks that form closed chains of two or more weighted layers. */
    private List<Region> chainRegions(Iterable<String> residualNames, List<Region> residuals) {
        Set<String> parents = new LinkedHashSet<>();
        Set<String> taken = new HashSet<>();
        for (String name : residualNames) {
            taken.add(name);
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                parents.add(name.substring(0, dot));
            }
        }
        Set<Node> inResidual = new HashSet<>();
        residuals.forEach(r -> inResidual.addAll(r.nodes()));

        // Sibling module → the indices of the nodes whose parameters live in it.
        Map<String, List<Integer>> siblings = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            for (String module : modules(node)) {
                for (String parent : parents) {
                    if (module.startsWith(parent + ".")) {
                        String sibling = parent + "." + module.substring(parent.length() + 1).split("\\.")[0];
                        siblings.computeIfAbsent(sibling, k -> new ArrayList<>()).add(position(node));
                    }
                }
            }
        }
        List<Region> chains = new ArrayList<>();
        siblings.forEach((module, indices) -> {
            if (!taken.contains(module)) {
                chainRegion(module, indices, inResidual).ifPresent(chains::add);
            }
        });
        return chains;
    }

    private Optional<Region> chainRegion(String module, List<Integer> indices, Set<Node> inResidual) {
        int first = indices.stream().min(Integer::compare).orElseThrow();
        int last = indices.stream().max(Integer::compare).orElseThrow();
        List<Node> span = graph.nodes().subList(first, last + 1);
        int layers = 0;
        for (Node n : span) {
            boolean foreign = modules(n).stream().anyMatch(m -> !m.equals(module) && !m.startsWith(module + "."));
            if (foreign || inResidual.contains(n)) {
                return Optional.empty();
            }
            layers += CostModel.isLayer(graph, n) ? 1 : 0;
        }
        Set<String> external = externalInputs(span);
        if (layers < 2 || external.size() != 1) {
            return Optional.empty();
        }
        String entry = external.iterator().next();
        String exit = span.get(span.size() - 1).outputs().get(0);
        return closed(span, entry, exit) ? Optional.of(new Region(List.copyOf(span), entry, exit, false))
                : Optional.empty();
    }

    private Set<String> externalInputs(List<Node> region) {
        Set<String> produced = new HashSet<>();
        region.forEach(n -> produced.addAll(n.outputs()));
        Set<String> external = new LinkedHashSet<>();
        for (Node n : region) {
            n.inputs().stream().filter(in -> !graph.isParameter(in) && !produced.contains(in)).forEach(external::add);
        }
        return external;
    }

    /** Single entry (only {@code entry} comes from outside) and single exit (only {@code exit} is read outside). */
    private boolean closed(List<Node> region, String entry, String exit) {
        Set<String> external = externalInputs(region);
        if (!external.equals(Set.of(entry))) {
            return false;
        }
        Set<Node> members = new HashSet<>(region);
        for (Node n : region) {
            for (String out : n.outputs()) {
                boolean leaks = graph.outputNames().contains(out)
                        || graph.consumers(out).stream().anyMatch(c -> !members.contains(c));
                if (leaks && !out.equals(exit)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- naming ----

    /** Names for regions as described on the class, in the same order; unique within the list. */
    private List<String> name(List<Region> regions) {
        List<String> names = new ArrayList<>();
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (Region r : regions) {
            String n = climb(commonModule(r.nodes(), false), r);
            if (n.isEmpty()) {
                n = "block@" + r.nodes().get(r.nodes().size() - 1).name();
            }
            byName.computeIfAbsent(n, k -> new ArrayList<>()).add(names.size());
            names.add(n);
        }
        for (List<Integer> clash : byName.values()) {
            if (clash.size() > 1) {
                clash.forEach(i -> names.set(i, commonModule(regions.get(i).nodes(), true)));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int k = seen.merge(names.get(i), 1, Integer::sum);
            if (k > 1) {
                names.set(i, names.get(i) + "#" + (k - 1));
            }
        }
        return names;
    }

    /** The common module path of the region's state-dict parameters (of its weighted layers only, if asked). */
    private String commonModule(List<Node> nodes, boolean layersOnly) {
        String[] common = null;
        int length = 0;
        for (Node n : nodes) {
            if (layersOnly && !CostModel.isLayer(graph, n)) {
                continue;
            }
            for (String module : modules(n)) {
                String[] parts = module.split("\\.");
                if (common == null) {
                    common = parts;
                    length = parts.length;
                } else {
                    int i = 0;
                    while (i < length && i < parts.length && common[i].equals(parts[i])) {
                        i++;
                    }
                    length = i;
                }
            }
        }
        return common == null ? "" : String.join(".", Arrays.copyOf(common, length));
    }

    /** Up from a container such as {@code features.3.conv} to {@code features.3} while nothing else lives there. */
    private String climb(String module, Region region) {
        Set<String> own = new HashSet<>();
        region.nodes().forEach(n -> n.inputs().stream().filter(graph::isParameter).forEach(own::add));
        String current = module;
        while (current.contains(".") && !isIndex(current.substring(current.lastIndexOf('.') + 1))) {
            String parent = current.substring(0, current.lastIndexOf('.'));
            boolean shared = graph.parameters().values().stream()
                    .anyMatch(p -> p.inStateDict() && p.name().startsWith(parent + ".") && !own.contains(p.name()));
            if (shared) {
                break;
            }
            current = parent;
        }
        return current;
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
    }

    /** Module paths of a node's state-dict parameters ({@code layer1.0.conv1.weight} → {@code layer1.0.conv1}). */
    private List<String> modules(Node node) {
        List<String> modules = new ArrayList<>();
        for (String in : node.inputs()) {
            Optional<Parameter> p = graph.parameter(in);
            if (p.isPresent() && p.get().inStateDict()) {
                int dot = in.lastIndexOf('.');
                modules.add(dot < 0 ? "" : in.substring(0, dot));
            }
        }
        return modules;
    }

    // ---- candidacy ----

    private Optional<String> rejection(Region r, Shape in, Shape out) {
        for (Node n : r.nodes()) {
            int[] strides = n.attributes().getInts("strides", null);
            if (strides != null && Arrays.stream(strides).anyMatch(s -> s != 1)) {
                return Optional.of("stride " + Arrays.toString(strides) + " at " + n.name());
            }
        }
        if (!in.equals(out)) {
            return Optional.of("changes shape " + in + " -> " + out);
        }
        return Optional.empty();
    }

    private int position(Node node) {
        return position.get(node.name());
    }

    /** Position of the node defining a value; -1 for graph inputs. */
    private int definedAt(String value) {
        return graph.producer(value).map(this::position).orElse(-1);
    }
}
