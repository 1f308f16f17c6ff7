package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a block's zero padding to its entry, progressively (see {@link Transform}). For convs c1…cn on the
 * block's main path with paddings p and strides s, the ring r_i still owed after layer i (in layer i's output
 * pixels) is r_n = 0, r_{i−1} = p_i + s_i·r_i. The first conv pads by r_0, the others by 0, and the input of
 * c_i is {@code Blend(mask·v, v; λ)} where the mask zeroes the outer r_{i−1} pixels. At λ = 0 every centre
 * pixel sees what it saw before and every ring pixel is the baseline's zero padding, so the block's output is
 * bit for bit the baseline's.
 */
final class FrontPadding {

    private FrontPadding() {
    }

    /** Ops that act on each pixel alone, so that a larger map is computed the same way pixel by pixel. */
    private static final Set<Op> PER_PIXEL = Set.of(Op.BATCH_NORMALIZATION, Op.LAYER_NORMALIZATION, Op.RELU, Op.CLIP,
            Op.GELU, Op.GEMM, Op.TRANSPOSE, Op.IDENTITY, Op.BLEND);

    static Graph apply(Graph graph, Block block, String entry, float lambda) {
        Optional<List<Node>> path = mainPath(graph, block, entry);
        if (path.isEmpty()) {
            return graph;
        }
        List<Node> convs = path.get().stream().filter(n -> n.op() == Op.CONV).toList();
        if (convs.size() < 2 || convs.subList(1, convs.size()).stream().allMatch(c -> padsOf(c).equals(List.of(0, 0, 0, 0)))) {
            return graph; // padding is already in front
        }
        if (!convs.stream().allMatch(FrontPadding::symmetricUndilated)) {
            return graph;
        }
        int n = convs.size();
        int[][] ring = new int[n + 1][2]; // ring[i] = r_i per axis (H, W); ring[0] is the first conv's padding
        int lastPadded = 0; // the last conv (1-based) whose input is enlarged by a ring
        for (int i = n; i >= 1; i--) {
            Node c = convs.get(i - 1);
            int[] pads = c.attributes().getInts("pads", new int[4]);
            int[] strides = c.attributes().getInts("strides", new int[] {1, 1});
            for (int axis = 0; axis < 2; axis++) {
                ring[i - 1][axis] = pads[axis] + strides[axis] * ring[i][axis];
            }
            if (lastPadded == 0 && i >= 2 && (ring[i - 1][0] > 0 || ring[i - 1][1] > 0)) {
                lastPadded = i;
            }
        }
        if (!enlargedRegionIsPerPixel(graph, path.get(), convs.get(0), convs.get(lastPadded - 1))) {
            return graph; // leave the padding where it is
        }
        GraphEdit edit = new GraphEdit(graph);
        edit.replace(convs.get(0), withPads(convs.get(0), ring[0]));
        for (int i = 2; i <= n; i++) {
            Node c = convs.get(i - 1);
            int[] r = ring[i - 1];
            List<Node> news = new ArrayList<>();
            String input = c.input(0);
            if (r[0] > 0 || r[1] > 0) {
                Shape before = graph.shape(input);
                Tensor mask = mask(before.dim(2) + 2 * r[0], before.dim(3) + 2 * r[1], r);
                String m = edit.parameter(c.name() + ".pad_mask", mask, Parameter.Kind.CONSTANT);
                Node mul = edit.node(Op.MUL, c.name() + ".pad_mask.mul", List.of(input, m), Attributes.empty());
                Node blend = edit.node(Op.BLEND, c.name() + ".pad_mask.blend", List.of(mul.output(), input),
                        Attributes.builder().put(Transform.LAMBDA, lambda).put(Transform.BLOCK, block.name()).build());
                news.add(mul);
                news.add(blend);
                input = blend.output();
            }
            List<String> inputs = new ArrayList<>(c.inputs());
            inputs.set(0, input);
            news.add(withPads(c.withInputs(inputs), new int[] {0, 0}));
            edit.replace(c, news);
        }
        return edit.build();
    }

    /**
     * Whether the maps that moving the padding enlarges (from {@code first}'s output to {@code last}'s input)
     * are computed pixel by pixel and read by the main path only: then a larger map holds the same interior
     * pixels, and its ring is zeroed before {@code last} reads it. What comes after {@code last} (a
     * squeeze-and-excitation gate, whose pooling sees the whole map) keeps its baseline size and may be anything.
     */
    private static boolean enlargedRegionIsPerPixel(Graph g, List<Node> path, Node first, Node last) {
        int from = path.indexOf(first);
        int to = path.indexOf(last);
        Set<Node> region = new HashSet<>(path.subList(from, to + 1));
        for (Node n : path.subList(from, to)) {
            if (n != first && n.op() != Op.CONV && !PER_PIXEL.contains(n.op()) && !n.op().is(Op.Family.ACTIVATION)
                    && !perChannelConstantOp(g, n)) {
                return false;
            }
            if (!region.containsAll(g.consumers(n.output())) || g.outputNames().contains(n.output())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The way back, for a chain the merge left uncomposed: a 1×1 conv a padding by r (the ring moved to the
     * block entry) read only by an unpadded conv b. The λ = 1 subnet's ring around a's output holds a's bias
     * (a 1×1 conv of zero padding), so b(pad_bias(y)) = b(pad_0(y)) + b₀(R), where R is that ring of biases
     * around zeros and b₀ is b without its bias (b is linear): a stops padding, b pads by r itself, and the
     * constant map D = b₀(R) is added after b. This is exact, unlike dropping the ring (b would then see zeros
     * where the subnet saw biases), and the block costs what it cost before the transform (adding a constant
     * counts no MACs) instead of running a on the enlarged map.
     */
    static Optional<GraphEdit> restore(MergeState s, Node a) {
        Graph g = s.graph();
        Optional<MergeState.PrunedBlock> block = s.blockOf(a);
        if (a.op() != Op.CONV || block.isEmpty() || Patterns.weights(g, a).isEmpty() || Patterns.unpadded(a)
                || !symmetricUndilated(a) || Arrays.stream(Patterns.strides(a)).anyMatch(st -> st != 1)) {
            return Optional.empty();
        }
        int[] k = g.shape(a.input(1)).dims();
        Optional<Node> next = Patterns.soleConsumer(g, a.output());
        if (k[2] != 1 || k[3] != 1 || next.isEmpty()) {
            return Optional.empty();
        }
        Node b = next.get();
        if (b.op() != Op.CONV || !b.input(0).equals(a.output()) || !s.blockOf(b).equals(block)
                || Patterns.weights(g, b).isEmpty() || !Patterns.unpadded(b) || !Patterns.undilated(b)) {
            return Optional.empty();
        }
        int[] ring = {Patterns.pads(a)[0], Patterns.pads(a)[1]};
        GraphEdit edit = new GraphEdit(g);
        edit.replace(a, withPads(a, new int[] {0, 0}));
        Node padded = withPads(b, ring);
        Tensor bias = Patterns.weights(g, a).get().bias();
        if (a.inputs().size() < 3) {
            edit.replace(b, padded); // no bias: the ring was zeros, the move is undone as it is
            return Optional.of(edit);
        }
        int[] out = g.shape(b.output()).dims();
        Tensor border = g.isMaterialized() ? ringResponse(g, b, bias, g.shape(a.output()).dims(), ring)
                : Tensor.placeholder(1, out[1], out[2], out[3]);
        String d = edit.parameter(b.name() + ".border", border, Parameter.Kind.CONSTANT);
        Node add = edit.node(Op.ADD, b.name() + ".border.add", List.of(b.output(), d), Attributes.empty());
        edit.replace(b, padded, add).rename(b.output(), add.output());
        return Optional.of(edit);
    }

    /** b₀(R): b without bias on [1, C, H, W] that is {@code bias[c]} on the outer ring and 0 inside. */
    private static Tensor ringResponse(Graph g, Node b, Tensor bias, int[] enlarged, int[] ring) {
        int c = enlarged[1];
        int h = enlarged[2];
        int w = enlarged[3];
        Tensor inside = mask(h, w, ring);
        Tensor r = Tensor.generate(i -> (1 - inside.get(i % (h * w))) * bias.get(i / (h * w)), 1, c, h, w);
        GraphBuilder one = new GraphBuilder("ring");
        String x = one.input("ring", Shape.of(1, c, h, w));
        String weight = one.constant("weight", g.parameter(b.input(1)).orElseThrow().value());
        one.output(one.node(Op.CONV, "conv", List.of(x, weight), b.attributes()));
        return Evaluator.run(one.build(), r);
    }

    /** 1 inside, 0 on the outer ring, as [1, 1, H, W]. */
    private static Tensor mask(int h, int w, int[] ring) {
        return Tensor.generate(i -> {
            int row = i / w;
            int col = i % w;
            return row >= ring[0] && row < h - ring[0] && col >= ring[1] && col < w - ring[1] ? 1 : 0;
        }, 1, 1, h, w);
    }

    private static Node withPads(Node conv, int[] hw) {
        return conv.withAttributes(conv.attributes().toBuilder().putInts("pads", hw[0], hw[1], hw[0], hw[1]).build());
    }

    private static List<Integer> padsOf(Node conv) {
        return Arrays.stream(conv.attributes().getInts("pads", new int[4])).boxed().toList();
    }

    private static boolean symmetricUndilated(Node conv) {
        int[] pads = conv.attributes().getInts("pads", new int[4]);
        int[] dilations = conv.attributes().getInts("dilations", new int[] {1, 1});
        return pads[0] == pads[2] && pads[1] == pads[3] && dilations[0] == 1 && dilations[1] == 1;
    }

    /** Mul / Add / Sub / Div by a parameter that varies over channels only ([C,1,1], [1,C,1,1] or a scalar). */
    private static boolean perChannelConstantOp(Graph g, Node n) {
        if (!n.op().is(Op.Family.ARITHMETIC) || n.inputs().size() != 2 || !g.isParameter(n.input(1))) {
            return false;
        }
        int[] dims = g.shape(n.input(1)).dims();
        int rank = dims.length;
        return rank <= 1 || dims[rank - 1] == 1 && dims[rank - 2] == 1;
    }

    /**
     * The block's main path from its entry: for a residual block, the operand of the Add that is not the skip
     * (the longer branch when both are computed); nodes each reached through their first input.
     */
    static Optional<List<Node>> mainPath(Graph g, Block block, String entry) {
        Set<String> members = new HashSet<>();
        block.nodes().forEach(n -> members.add(n.name()));
        Node exit = g.producer(block.exit()).orElse(null);
        if (exit == null) {
            return Optional.empty();
        }
        if (block.residual() && exit.op() == Op.ADD) {
            Optional<List<Node>> a = walk(g, exit.input(0), entry, members);
            Optional<List<Node>> b = walk(g, exit.input(1), entry, members);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(a.get().size() >= b.get().size() ? a.get() : b.get());
        }
        return walk(g, block.exit(), entry, members);
    }

    private static Optional<List<Node>> walk(Graph g, String from, String entry, Set<String> members) {
        List<Node> path = new ArrayList<>();
        String v = from;
        while (!v.equals(entry)) {
            Optional<Node> p = g.producer(v);
            if (p.isEmpty() || !members.contains(p.get().name()) && p.get().op() != Op.BLEND) {
                return Optional.empty();
            }
            path.add(0, p.get());
            v = p.get().input(0);
        }
        return Optional.of(path);
    }
}
