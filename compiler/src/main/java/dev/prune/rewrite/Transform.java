package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.rewrite.RuleDecl.Directive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The UPDP block transform, as a {@code transform} declaration states it ({@code std.updp}'s {@code block}):
 * in each chosen block, a replaced operator {@code op(x)} becomes {@code Blend(op(x), r(x); λ)} where r is
 * the replacement (identity, or a new BatchNorm), and an appended operator after the block's exit e becomes
 * {@code Blend(e, op(e); λ)}. {@code Blend} is (1 − λ)·a + λ·b, so at λ = 0 the graph computes exactly the
 * baseline, and at λ = 1 each block is linear between its entry and its appended BatchNorm (+ activation).
 * A directive without {@code progressively} is applied outright (no Blend).
 *
 * <p>One more change comes with linearising a block, because the merge must be exact: a chain of
 * convolutions whose later members pad their input would be wrong at the borders once composed (their
 * zeros pad an intermediate map, not the input). So the block's zero padding moves to its entry — the
 * first conv pads by the chain's total, the later ones not at all — and the intermediate maps, now larger,
 * get their borders zeroed by a mask that blends out: {@code Blend(mask·v, v; λ)}. At λ = 0 the masked
 * border is exactly the baseline's zero padding; at λ = 1 the block is a chain of unpadded convolutions on a
 * padded input, which composes into one convolution exactly. ConvNeXt (padding already in front) and
 * transformers are unaffected.
 *
 * <p>Blend nodes carry attributes {@code lambda} and {@code block}; {@link #withLambda} changes λ,
 * {@link #freeze} replaces every Blend by its b branch (the λ = 1 subnet, plain ONNX operators). New
 * parameters are named under the block: {@code <norm module>.bn.*} for a replaced norm,
 * {@code <block>.appended_bn.*} for the appended one, initialised to weight 1, bias 0, mean 0, variance 1.
 */
public final class Transform {

    /** Blend attribute: the current λ. */
    public static final String LAMBDA = "lambda";
    /** Blend attribute: the block the Blend belongs to. */
    public static final String BLOCK = "block";

    private static final float BN_EPSILON = 1e-5f;

    private record Replacement(OpTarget target, String replacement, boolean progressive) {
    }

    /**
     * What the transform does with a gate, {@code x · g(x)} where g is a Sigmoid or HardSigmoid of a branch
     * (squeeze-and-excitation): the gate multiplies by a function of the input, so a block with one is not
     * linear even with every activation gone. Declared as {@code keep gates}, {@code remove gates
     * [progressively]} or {@code refuse gates}; a declaration that says nothing refuses them.
     */
    public enum GatePolicy {
        /** The gate and its branch stay as they are (their activations too); the merge leaves such a block alone. */
        KEEP,
        /** {@code x · g} → {@code Blend(x · g, x; λ)}: at λ = 1 the gate and its branch are gone. */
        REMOVE,
        /** A block with a gate cannot be transformed. */
        REFUSE
    }

    /** A gate found in a block: the Mul it drives, the gated value, and the nodes only the gate uses. */
    private record Gate(Node mul, String gated, List<Node> branch) {
    }

    private final String name;
    private final List<Replacement> replacements;
    private final Optional<Boolean> appendBatchNorm; // present when appended; the value is "progressively"
    private final Optional<Boolean> appendActivation;
    private final GatePolicy gates;
    private final boolean gatesProgressively;

    private Transform(String name, List<Replacement> replacements, Optional<Boolean> appendBatchNorm,
            Optional<Boolean> appendActivation, GatePolicy gates, boolean gatesProgressively) {
        this.name = name;
        this.replacements = List.copyOf(replacements);
        this.appendBatchNorm = appendBatchNorm;
        this.appendActivation = appendActivation;
        this.gates = gates;
        this.gatesProgressively = gatesProgressively;
    }

    /**
     * The transform a checked {@code transform} declaration describes.
     *
     * @throws IllegalArgumentException for a verb, target or replacement this transform does not know
     */
    public static Transform from(RuleDecl rules) {
        List<Replacement> replacements = new ArrayList<>();
        Optional<Boolean> bn = Optional.empty();
        Optional<Boolean> act = Optional.empty();
        GatePolicy gates = GatePolicy.REFUSE;
        boolean gatesProgressively = false;
        for (Directive d : rules.directives()) {
            switch (d.verb()) {
                case "keep", "remove", "refuse" -> {
                    if (!d.targets().equals(List.of("gates"))) {
                        throw new IllegalArgumentException(rules.name() + ": '" + d.verb() + "' applies to gates only");
                    }
                    gates = GatePolicy.valueOf(d.verb().toUpperCase(java.util.Locale.ROOT));
                    gatesProgressively = d.progressively();
                }
                case "replace" -> {
                    if (!"identity".equals(d.replacement()) && !"batchnorm".equals(d.replacement())) {
                        throw new IllegalArgumentException(rules.name() + ": unknown replacement " + d.replacement());
                    }
                    for (String t : d.targets()) {
                        OpTarget target = OpTarget.of(t).orElseThrow(() ->
                                new IllegalArgumentException(rules.name() + ": unknown target " + t));
                        replacements.add(new Replacement(target, d.replacement(), d.progressively()));
                    }
                }
                case "append" -> {
                    for (String t : d.targets()) {
                        switch (t) {
                            case "batchnorm" -> bn = Optional.of(d.progressively());
                            case "activation" -> act = Optional.of(d.progressively());
                            default -> throw new IllegalArgumentException(rules.name() + ": cannot append " + t);
                        }
                    }
                }
                default -> throw new IllegalArgumentException(rules.name() + ": unknown transform verb " + d.verb());
            }
        }
        return new Transform(rules.name(), replacements, bn, act, gates, gatesProgressively);
    }

    public String name() {
        return name;
    }

    public GatePolicy gates() {
        return gates;
    }

    /** Whether {@code block} has a gate (x · Sigmoid(…) or x · HardSigmoid(…)), which a transform must decide about. */
    public static boolean hasGate(Graph graph, Block block) {
        return !gates(graph, block).isEmpty();
    }

    /** Why this transform cannot apply to {@code block} in {@code graph}; empty when it can. */
    public Optional<String> refusal(Graph graph, Block block) {
        if (gates == GatePolicy.REFUSE && !gates(graph, block).isEmpty()) {
            return Optional.of("has a gate (x · Sigmoid(…), squeeze-and-excitation) and transform " + name
                    + " refuses gates (declare 'keep gates' or 'remove gates progressively')");
        }
        return Optional.empty();
    }

    /**
     * The gates of a block: a Mul inside it with one operand made by a Sigmoid or HardSigmoid, and the nodes
     * between the block's entry and that gate that nothing but the gate reads (a squeeze-and-excitation branch).
     */
    private static List<Gate> gates(Graph graph, Block block) {
        List<Gate> found = new ArrayList<>();
        java.util.Set<String> inBlock = new java.util.HashSet<>();
        block.nodes().forEach(n -> inBlock.add(n.name()));
        for (Node mul : block.nodes()) {
            if (mul.op() != Op.MUL || mul.inputs().size() != 2) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                Optional<Node> gate = graph.producer(mul.input(i)).filter(p -> p.op().is(Op.Family.GATE));
                if (gate.isPresent() && inBlock.contains(gate.get().name())) {
                    String gated = mul.input(1 - i);
                    java.util.Set<Node> mainPath = ancestorsIn(graph, gated, inBlock);
                    List<Node> branch = new ArrayList<>();
                    for (Node n : ancestorsIn(graph, mul.input(i), inBlock)) {
                        if (!mainPath.contains(n)) {
                            branch.add(n);
                        }
                    }
                    found.add(new Gate(mul, gated, branch));
                    break;
                }
            }
        }
        return found;
    }

    /** The block's nodes that {@code value} is computed from, its producer included. */
    private static java.util.Set<Node> ancestorsIn(Graph graph, String value, java.util.Set<String> inBlock) {
        java.util.Set<Node> seen = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(value));
        while (!todo.isEmpty()) {
            graph.producer(todo.pop()).filter(p -> inBlock.contains(p.name())).filter(seen::add)
                    .ifPresent(p -> todo.addAll(p.inputs()));
        }
        return seen;
    }

    /**
     * The graph with the named blocks (as {@link BlockFinder} names them) transformed at factor λ.
     *
     * @throws IllegalArgumentException for a block name the graph does not have
     */
    public Graph apply(Graph graph, List<String> blockNames, double lambda) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        BlockFinder.find(graph).forEach(b -> blocks.put(b.name(), b));
        Map<String, String> renamed = new HashMap<>();
        Graph g = graph;
        for (String blockName : blockNames) {
            Block block = blocks.get(blockName);
            if (block == null) {
                throw new IllegalArgumentException("graph " + graph.name() + " has no block " + blockName
                        + " (blocks: " + String.join(", ", blocks.keySet()) + ")");
            }
            Optional<String> refused = refusal(graph, block);
            if (refused.isPresent()) {
                throw new IllegalArgumentException("block " + blockName + " " + refused.get());
            }
            g = transformBlock(g, block, (float) lambda, renamed);
        }
        return g;
    }

    private Graph transformBlock(Graph graph, Block block, float lambda, Map<String, String> renamed) {
        List<Gate> blockGates = gates(graph, block);
        java.util.Set<Node> kept = new java.util.HashSet<>();
        if (gates == GatePolicy.KEEP) {
            blockGates.forEach(gate -> kept.addAll(gate.branch()));
        }
        Graph g = FrontPadding.apply(graph, block, resolve(renamed, block.entry()), lambda);
        for (Node original : block.nodes()) {
            if (kept.contains(original)) {
                continue;
            }
            for (Replacement r : replacements) {
                if (r.target().matches(original)) {
                    Node current = g.node(original.name()).orElseThrow();
                    GraphEdit edit = new GraphEdit(g);
                    replaceNode(edit, block.name(), current, r, lambda);
                    renamed.putAll(edit.renames());
                    g = edit.build();
                    break;
                }
            }
        }
        if (gates == GatePolicy.REMOVE) {
            for (Gate gate : blockGates) {
                g = removeGate(g, block.name(), gate, resolve(renamed, gate.gated()), lambda, renamed);
            }
        }
        if (appendBatchNorm.isPresent() || appendActivation.isPresent()) {
            GraphEdit edit = new GraphEdit(g);
            append(edit, block, resolve(renamed, block.exit()), lambda);
            renamed.putAll(edit.renames());
            g = edit.build();
        }
        return g;
    }

    /** x · g → Blend(x · g, x; λ), or x outright; the gate's branch is then read by the a branch only. */
    private Graph removeGate(Graph g, String block, Gate gate, String gated, float lambda, Map<String, String> renamed) {
        Node mul = g.node(gate.mul().name()).orElseThrow();
        GraphEdit edit = new GraphEdit(g);
        if (gatesProgressively) {
            Node blend = blend(edit, mul.name() + ".gate_blend", mul.output(), gated, lambda, block);
            edit.replace(mul, List.of(mul, blend)).rename(mul.output(), blend.output());
        } else {
            edit.remove(mul).rename(mul.output(), gated);
        }
        renamed.putAll(edit.renames());
        return edit.build();
    }

    /** op(x) → Blend(op(x), r(x); λ), or r(x) outright. */
    private void replaceNode(GraphEdit edit, String block, Node node, Replacement r, float lambda) {
        String x = node.input(0);
        String y = node.output();
        List<Node> news = new ArrayList<>(List.of(node));
        String replaced = x;
        if (r.replacement().equals("batchnorm")) {
            String module = moduleOf(edit.graph(), node);
            replaced = batchNorm(edit, news, module + ".bn", module + ".bn", x);
        }
        String out = replaced;
        if (r.progressive()) {
            Node blend = blend(edit, node.name() + ".blend", y, replaced, lambda, block);
            news.add(blend);
            out = blend.output();
        }
        edit.replace(node, news).rename(y, out);
    }

    /** e → Blend(e, BN(e); λ) → Blend(·, act(·); λ), as declared. */
    private void append(GraphEdit edit, Block block, String exit, float lambda) {
        Node last = edit.graph().producer(exit).orElseThrow();
        List<Node> news = new ArrayList<>(List.of(last));
        String value = exit;
        if (appendBatchNorm.isPresent()) {
            String bn = batchNorm(edit, news, block.name() + ".appended_bn", block.name() + ".appended_bn", value);
            value = progressively(edit, news, appendBatchNorm.get(), block.name() + ".appended_bn.blend", value, bn,
                    lambda, block.name());
        }
        Optional<Node> activation = block.nodes().stream().filter(n -> n.op().is(Op.Family.ACTIVATION)).findFirst();
        if (appendActivation.isPresent() && activation.isPresent()) {
            Node act = edit.node(activation.get().op(), block.name() + ".appended_act", List.of(value),
                    activation.get().attributes());
            news.add(act);
            value = progressively(edit, news, appendActivation.get(), block.name() + ".appended_act.blend", value,
                    act.output(), lambda, block.name());
        }
        edit.replace(last, news).rename(exit, value);
    }

    private String progressively(GraphEdit edit, List<Node> news, boolean progressive, String name, String a, String b,
            float lambda, String block) {
        if (!progressive) {
            return b;
        }
        Node blend = blend(edit, name, a, b, lambda, block);
        news.add(blend);
        return blend.output();
    }

    /**
     * A new BatchNorm over the features of {@code x}: axis 1 of a rank-2 value or of a conv map, the last axis
     * (through a pair of transposes) of tokens [N, T, D] or of a channels-last map feeding a LayerNorm.
     */
    private static String batchNorm(GraphEdit edit, List<Node> news, String nodeName, String module, String x) {
        Graph g = edit.graph();
        Shape shape = g.shape(x);
        boolean channelsLast = shape.rank() > 2 && isChannelsLast(g, x);
        int c = channelsLast ? shape.dim(-1) : shape.dim(1);
        boolean lazy = !g.isMaterialized();
        String w = edit.parameter(module + ".weight", lazy ? Tensor.placeholder(c) : Tensor.full(1, c), Parameter.Kind.TRAINABLE);
        String b = edit.parameter(module + ".bias", lazy ? Tensor.placeholder(c) : Tensor.zeros(c), Parameter.Kind.TRAINABLE);
        String m = edit.parameter(module + ".running_mean", lazy ? Tensor.placeholder(c) : Tensor.zeros(c), Parameter.Kind.BUFFER);
        String v = edit.parameter(module + ".running_var", lazy ? Tensor.placeholder(c) : Tensor.full(1, c), Parameter.Kind.BUFFER);
        Attributes eps = Attributes.builder().put("epsilon", BN_EPSILON).build();
        if (!channelsLast) {
            Node bn = edit.node(Op.BATCH_NORMALIZATION, nodeName, List.of(x, w, b, m, v), eps);
            news.add(bn);
            return bn.output();
        }
        int rank = shape.rank();
        Node first = edit.node(Op.TRANSPOSE, nodeName + ".to_channels_first", List.of(x),
                Attributes.builder().putInts("perm", Layout.lastToOne(rank)).build());
        Node bn = edit.node(Op.BATCH_NORMALIZATION, nodeName, List.of(first.output(), w, b, m, v), eps);
        Node back = edit.node(Op.TRANSPOSE, nodeName + ".to_channels_last", List.of(bn.output()),
                Attributes.builder().putInts("perm", Layout.oneToLast(rank)).build());
        news.addAll(List.of(first, bn, back));
        return back.output();
    }

    /**
     * Whether a value keeps its features on the last axis: tokens (rank 3), or a rank-4 map produced by a
     * transpose to channels-last or by a last-axis op on one. A conv map (NCHW) is channels-first.
     */
    private static boolean isChannelsLast(Graph g, String x) {
        if (g.shape(x).rank() == 3) {
            return true;
        }
        Optional<Node> p = g.producer(x);
        while (p.isPresent()) {
            Node n = p.get();
            if (n.op() == Op.TRANSPOSE) {
                return Layout.isToChannelsLast(n.attributes().getInts("perm", null));
            }
            if (n.op() == Op.CONV || n.op() == Op.BATCH_NORMALIZATION) {
                return false;
            }
            if (n.op() == Op.GEMM || n.op() == Op.LAYER_NORMALIZATION) {
                return true;
            }
            p = g.producer(n.input(0));
        }
        return false;
    }

    private static Node blend(GraphEdit edit, String name, String a, String b, float lambda, String block) {
        return edit.node(Op.BLEND, name, List.of(a, b), Attributes.builder().put(LAMBDA, lambda).put(BLOCK, block).build());
    }

    /** The module of a node's weight ({@code blocks.3.norm1.weight} → {@code blocks.3.norm1}), else its name. */
    private static String moduleOf(Graph g, Node node) {
        return node.inputs().stream().filter(g::isParameter).filter(p -> p.endsWith(".weight")).findFirst()
                .map(p -> p.substring(0, p.length() - ".weight".length())).orElse(node.name());
    }

    private static String resolve(Map<String, String> renamed, String value) {
        String v = value;
        while (renamed.containsKey(v)) {
            v = renamed.get(v);
        }
        return v;
    }

    // ------------------------------------------------------------------ λ

    /** Every Blend at factor λ. */
    public static Graph withLambda(Graph graph, double lambda) {
        return withLambda(graph, null, lambda);
    }

    /** The Blends of the given blocks at their λ; other Blends keep theirs (e.g. a supernet step's sample). */
    public static Graph withLambda(Graph graph, Map<String, Double> lambdaByBlock) {
        return withLambda(graph, lambdaByBlock, 0);
    }

    private static Graph withLambda(Graph graph, Map<String, Double> byBlock, double all) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.op() == Op.BLEND) {
                String block = n.attributes().getString(BLOCK, "");
                Double lambda = byBlock == null ? Double.valueOf(all) : byBlock.get(block);
                if (lambda != null) {
                    n = n.withAttributes(n.attributes().toBuilder().put(LAMBDA, lambda.floatValue()).build());
                }
            }
            nodes.add(n);
        }
        return graph.toBuilder().setNodes(nodes).build();
    }

    /** λ of a Blend node. */
    public static double lambdaOf(Node blend) {
        return blend.attributes().getFloat(LAMBDA, 0);
    }

    /** The λ = 1 subnet: every Blend replaced by its b branch; what only the a branches used is dropped. */
    public static Graph freeze(Graph graph) {
        GraphEdit edit = new GraphEdit(graph);
        for (Node n : graph.nodes()) {
            if (n.op() == Op.BLEND) {
                edit.remove(n).rename(n.output(), n.input(1));
            }
        }
        return edit.build();
    }
}
