package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of the cost-driven rules: composing a chain of affine layers, and absorbing the skip into the
 * layer it wraps. Both apply only inside a pruned block, and only as far as the declared bounds allow,
 * measured on the whole block against its cost before the merge.
 */
final class ComposeRules {

    private ComposeRules() {
    }

    /**
     * L_n(…L_1(x)) → the segmentation of the chain into composed layers that has the fewest layers (then the
     * fewest MACs) within the bounds. A chain is a run of Convs (or of Gemms), each read only by the next;
     * a conv joins a chain only unpadded and undilated (see {@link MergeAlgebra#composeConv}).
     */
    static Optional<GraphEdit> composeChain(MergeState s, Node head) {
        Graph g = s.graph();
        Optional<MergeState.PrunedBlock> block = s.blockOf(head);
        if (block.isEmpty() || Patterns.weights(g, head).isEmpty()
                || g.producer(head.input(0)).filter(p -> linked(s, p, head)).isPresent()) {
            return Optional.empty(); // not in a pruned block, not a layer, or not the head of its chain
        }
        List<Node> chain = new ArrayList<>(List.of(head));
        for (Node last = head; ; ) {
            Optional<Node> next = Patterns.soleConsumer(g, last.output());
            if (next.isEmpty() || !adjacent(g, last, next.get()) || !s.blockOf(next.get()).equals(block)) {
                break;
            }
            Optional<String> why = unlinkable(last, next.get());
            if (why.isPresent()) {
                s.note(block.get(), why.get());
                break;
            }
            chain.add(next.get());
            last = next.get();
        }
        if (chain.size() < 2 || !s.bounds().composes(head.op())) {
            return Optional.empty();
        }
        Cost before = block.get().before();
        Cost rest = minus(s.costOf(block.get()), CostModel.of(g, chain));
        List<List<Node>> best = null;
        Cost bestCost = null;
        for (List<List<Node>> segments : segmentations(chain)) {
            Cost after = rest;
            for (List<Node> segment : segments) {
                after = after.plus(segmentCost(g, segment));
            }
            if (s.bounds().composeAllows(before, after) && (bestCost == null || after.layers() < bestCost.layers()
                    || after.layers() == bestCost.layers() && after.macs() < bestCost.macs())) {
                best = segments;
                bestCost = after;
            }
        }
        if (best == null || best.size() == chain.size()) {
            Cost whole = rest.plus(segmentCost(g, chain));
            s.note(block.get(), String.format("composing %s into one layer would cost %.2f× the block's MACs: not within %s",
                    names(chain), ratio(whole.macs(), before.macs()), s.bounds().composeText()));
            return Optional.empty();
        }
        GraphEdit edit = new GraphEdit(g);
        for (List<Node> segment : best) {
            if (segment.size() > 1) {
                compose(edit, segment);
            }
        }
        return Optional.of(edit);
    }

    /**
     * x + L(x) → L'(x) with L' = L + I (the identity kernel at the centre tap; W + I for a linear layer): the
     * skip becomes part of the one layer it wraps. Needs stride 1, "same" padding, as many outputs as inputs.
     */
    static Optional<GraphEdit> absorbResidual(MergeState s, Node add) {
        Graph g = s.graph();
        Optional<MergeState.PrunedBlock> block = s.blockOf(add);
        if (add.op() != Op.ADD || add.inputs().size() != 2 || block.isEmpty() || !s.bounds().absorbs()) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            String x = add.input(1 - side);
            Optional<Node> layer = Patterns.producer(g, add.input(side), Op.CONV, Op.GEMM);
            if (layer.isEmpty() || !layer.get().input(0).equals(x) || Patterns.weights(g, layer.get()).isEmpty()) {
                continue;
            }
            Optional<String> why = layer.get().op() == Op.CONV ? noIdentityKernel(layer.get(), g) : noIdentityMatrix(g, layer.get());
            if (why.isEmpty() && !Patterns.readOnce(g, add.input(side))) {
                why = Optional.of(layer.get().name() + " is read elsewhere too");
            }
            if (why.isPresent()) {
                s.note(block.get(), "the skip is not absorbed: " + why.get());
                return Optional.empty();
            }
            if (!s.bounds().absorbAllows(block.get().before(), s.costOf(block.get()))) {
                s.note(block.get(), "the skip is not absorbed: the block is not within " + s.bounds().absorbText());
                return Optional.empty();
            }
            KernelBias kb = Patterns.weights(g, layer.get()).orElseThrow();
            int group = layer.get().op() == Op.CONV ? Patterns.group(layer.get()) : 1;
            GraphEdit edit = new GraphEdit(g);
            edit.replace(layer.get(), Patterns.withWeights(edit, layer.get(), x, MergeAlgebra.addIdentity(kb, group)));
            edit.remove(add).rename(add.output(), layer.get().output());
            return Optional.of(edit);
        }
        if (s.nodesOf(block.get()).stream().anyMatch(n -> n.outputs().contains(add.input(0)) || n.outputs().contains(add.input(1)))) {
            boolean attention = s.nodesOf(block.get()).stream().anyMatch(n -> n.op() == Op.SOFTMAX);
            s.note(block.get(), "the skip is kept as an Add: " + (attention ? "it wraps attention, which is not affine"
                    : "it wraps " + s.costOf(block.get()).layers() + " layers, and absorbing it needs them composed into one"));
        }
        return Optional.empty();
    }

    private static Optional<String> noIdentityKernel(Node conv, Graph g) {
        int[] k = Patterns.weights(g, conv).orElseThrow().kernel().shape();
        int[] pads = Patterns.pads(conv);
        int[] strides = Patterns.strides(conv);
        int group = Patterns.group(conv);
        if (strides[0] != 1 || strides[1] != 1) {
            return Optional.of(conv.name() + " has stride " + strides[0] + "×" + strides[1]);
        }
        if (k[2] % 2 == 0 || k[3] % 2 == 0 || pads[0] != k[2] / 2 || pads[2] != k[2] / 2 || pads[1] != k[3] / 2
                || pads[3] != k[3] / 2 || !Patterns.undilated(conv)) {
            return Optional.of(conv.name() + " is not a centred (\"same\") convolution");
        }
        if (k[1] * group != k[0] || group != 1 && group != k[0]) {
            return Optional.of(conv.name() + " maps " + k[1] * group + " channels to " + k[0]);
        }
        return Optional.empty();
    }

    private static Optional<String> noIdentityMatrix(Graph g, Node gemm) {
        int[] k = Patterns.weights(g, gemm).orElseThrow().kernel().shape();
        return k[0] == k[1] ? Optional.empty() : Optional.of(gemm.name() + " maps " + k[1] + " features to " + k[0]);
    }

    /** b continues a's chain: adjacent, composable, same block. */
    private static boolean linked(MergeState s, Node a, Node b) {
        return adjacent(s.graph(), a, b) && unlinkable(a, b).isEmpty() && s.blockOf(a).equals(s.blockOf(b));
    }

    /** b reads a's output directly, as its data input, and is the same kind of layer. */
    private static boolean adjacent(Graph g, Node a, Node b) {
        return a.op() == b.op() && (a.op() == Op.CONV || a.op() == Op.GEMM) && b.input(0).equals(a.output())
                && Patterns.readOnce(g, a.output()) && Patterns.weights(g, a).isPresent() && Patterns.weights(g, b).isPresent();
    }

    /** Why two adjacent layers cannot be composed exactly, if they cannot. */
    private static Optional<String> unlinkable(Node a, Node b) {
        if (a.op() != Op.CONV) {
            return Optional.empty();
        }
        if (!Patterns.undilated(a) || !Patterns.undilated(b)) {
            return Optional.of(a.name() + " or " + b.name() + " is dilated");
        }
        if (!Patterns.unpadded(b)) {
            return Optional.of(b.name() + " pads its own input: composing it with " + a.name()
                    + " would be wrong at the borders (the transform moves padding to the block entry)");
        }
        return Optional.empty();
    }

    /** Every way to cut a chain into contiguous segments (2^(n−1) of them; chains are short). */
    static List<List<List<Node>>> segmentations(List<Node> chain) {
        List<List<List<Node>>> out = new ArrayList<>();
        int cuts = chain.size() - 1;
        for (int mask = 0; mask < 1 << cuts; mask++) {
            List<List<Node>> segments = new ArrayList<>();
            List<Node> current = new ArrayList<>(List.of(chain.get(0)));
            for (int i = 1; i < chain.size(); i++) {
                if ((mask >> (i - 1) & 1) == 1) {
                    segments.add(current);
                    current = new ArrayList<>();
                }
                current.add(chain.get(i));
            }
            segments.add(current);
            out.add(segments);
        }
        return out;
    }

    /** The cost of one layer composed from a segment, from shapes alone. */
    static Cost segmentCost(Graph g, List<Node> segment) {
        if (segment.size() == 1) {
            return CostModel.of(g, segment);
        }
        Node last = segment.get(segment.size() - 1);
        long outElements = g.shape(last.output()).elementsPerSample();
        if (segment.get(0).op() == Op.CONV) {
            ConvLayer c = composedConv(g, segment, true);
            int[] k = c.weights().kernel().shape();
            return new Cost(outElements * k[1] * k[2] * k[3], (long) k[0] * k[1] * k[2] * k[3] + k[0], 1);
        }
        int[] k = composedLinear(g, segment, true).kernel().shape();
        return new Cost(outElements * k[1], (long) k[0] * k[1] + k[0], 1);
    }

    private static ConvLayer composedConv(Graph g, List<Node> segment, boolean shapesOnly) {
        ConvLayer acc = null;
        for (Node n : segment) {
            KernelBias kb = Patterns.weights(g, n).orElseThrow();
            if (shapesOnly) {
                kb = new KernelBias(Tensor.placeholder(kb.kernel().shape()), Tensor.placeholder(kb.outChannels()));
            }
            int[] st = Patterns.strides(n);
            ConvLayer layer = new ConvLayer(kb, Patterns.group(n), st[0], st[1]);
            acc = acc == null ? layer : MergeAlgebra.composeConv(acc, layer);
        }
        return acc;
    }

    private static KernelBias composedLinear(Graph g, List<Node> segment, boolean shapesOnly) {
        KernelBias acc = null;
        for (Node n : segment) {
            KernelBias kb = Patterns.weights(g, n).orElseThrow();
            if (shapesOnly) {
                kb = new KernelBias(Tensor.placeholder(kb.kernel().shape()), Tensor.placeholder(kb.outChannels()));
            }
            acc = acc == null ? kb : MergeAlgebra.composeLinear(acc, kb);
        }
        return acc;
    }

    /** Replaces a segment by one layer named after what its members share ({@code layer1.0.merged}). */
    private static void compose(GraphEdit edit, List<Node> segment) {
        Graph g = edit.graph();
        Node first = segment.get(0);
        Node last = segment.get(segment.size() - 1);
        String name = edit.unique(commonPrefix(segment) + ".merged");
        Node merged;
        if (first.op() == Op.CONV) {
            ConvLayer c = composedConv(g, segment, false);
            int[] k = c.weights().kernel().shape();
            int[] pads = Patterns.pads(first);
            Attributes attrs = Attributes.builder().putInts("kernel_shape", k[2], k[3])
                    .putInts("strides", c.strideH(), c.strideW()).putInts("pads", pads)
                    .putInts("dilations", 1, 1).put("group", c.group()).build();
            merged = new Node(name, Op.CONV, inputs(edit, name, first.input(0), c.weights()), List.of(name), attrs);
        } else {
            KernelBias kb = composedLinear(g, segment, false);
            merged = new Node(name, Op.GEMM, inputs(edit, name, first.input(0), kb), List.of(name),
                    Attributes.builder().put("transB", 1).build());
        }
        for (Node n : segment) {
            if (n != last) {
                edit.remove(n);
            }
        }
        edit.replace(last, merged).rename(last.output(), merged.output());
    }

    private static List<String> inputs(GraphEdit edit, String name, String x, KernelBias kb) {
        return List.of(x, edit.parameter(name + ".weight", kb.kernel(), Parameter.Kind.TRAINABLE),
                edit.parameter(name + ".bias", kb.bias(), Parameter.Kind.TRAINABLE));
    }

    private static String commonPrefix(List<Node> nodes) {
        String[] common = nodes.get(0).name().split("\\.");
        int length = common.length;
        for (Node n : nodes) {
            String[] parts = n.name().split("\\.");
            int i = 0;
            while (i < length && i < parts.length && common[i].equals(parts[i])) {
                i++;
            }
            length = i;
        }
        return length == 0 ? nodes.get(0).name() : String.join(".", java.util.Arrays.copyOf(common, length));
    }

    private static String names(List<Node> nodes) {
        return String.join(" ∘ ", reversedNames(nodes));
    }

    private static List<String> reversedNames(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(0, n.name()));
        return out;
    }

    private static Cost minus(Cost a, Cost b) {
        return new Cost(a.macs() - b.macs(), a.params() - b.params(), a.layers() - b.layers());
    }

    static double ratio(double after, double before) {
        return before == 0 ? (after == 0 ? 1 : Double.POSITIVE_INFINITY) : after / before;
    }
}
