package dev.prune.rewrite;

import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphVerifier;
import dev.prune.ir.IrException;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.ValueInfo;
import dev.prune.rewrite.RuleDecl.Directive;
import dev.prune.rewrite.RuleDecl.RatioBound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The merge: a catalogue of small named rules (each an exact law), the rule set a {@code rules} declaration
 * selects from it, and the driver that runs them to a fixed point.
 *
 * <p>Three passes, each to a fixed point and verified after: <em>normalize</em> (layout tidying and the folds
 * of per-channel affine maps into neighbouring layers, anywhere in the graph: they never cost anything),
 * <em>collapse</em> (composition of layer chains and absorption of skips, inside pruned blocks only and as far
 * as the declared bounds allow, with the normalize rules still active so that an appended BatchNorm folds into
 * the layer that absorbed its skip) and <em>restore</em> (padding the transform moved to a block's entry goes
 * back where a chain stayed uncomposed, see {@link FrontPadding#restore}; always on). A pruned block is a block of the λ = 1 graph with no activation and no
 * LayerNorm inside (what the transform leaves of a chosen block).
 *
 * <p>Declaration to rules: {@code fold batchnorm} enables the folds; {@code compose conv} / {@code compose
 * linear} the chain composition of Convs / Gemms; {@code absorb residual} the skip absorption; each
 * {@code where} bound is checked on the block's cost after the rewrite against its cost before the merge.
 * The layout rules are always on.
 */
public final class MergeRules {

    // ---- the catalogue ----

    /** Identity(x) = x. */
    public static final MergeRule DROP_IDENTITY = new MergeRule("DropIdentity", "Identity(x) = x",
            LayoutRules::dropIdentity);
    /** Two transposes that undo each other vanish. */
    public static final MergeRule CANCEL_INVERSE_TRANSPOSES = new MergeRule("CancelInverseTransposes",
            "T_q(T_p(x)) = x when q∘p = id", LayoutRules::cancelInverseTransposes);
    /** A repeated idempotent activation is dropped. */
    public static final MergeRule DROP_REPEATED_ACTIVATION = new MergeRule("DropRepeatedActivation",
            "relu(relu(x)) = relu(x); clip(clip(x)) = clip(x)", LayoutRules::dropRepeatedActivation);
    /** A Linear on a channels-last view of a conv map becomes a 1×1 conv, the transpose moving past it. */
    public static final MergeRule GEMM_ON_CHANNELS_LAST_TO_CONV = new MergeRule("GemmOnChannelsLastToConv",
            "Gemm(T_cl(x)) = T_cl(Conv1×1(x))", LayoutRules::gemmOnChannelsLastToConv);
    /** A BatchNorm folds into the Conv or Gemm before it. */
    public static final MergeRule FOLD_BATCHNORM_INTO_PRECEDING = new MergeRule("FoldBatchNormIntoPreceding",
            "s·(W∗x + b) + t = (sW)∗x + (sb + t)", FoldRules::batchNormIntoPreceding);
    /** A BatchNorm over a Gemm's features (between transposes) folds into the Gemm before it. */
    public static final MergeRule FOLD_CHANNELS_LAST_BATCHNORM_INTO_PRECEDING = new MergeRule(
            "FoldChannelsLastBatchNormIntoPreceding", "T⁻¹(BN(T(Wx + b))) = (sW)x + (sb + t)",
            FoldRules::channelsLastBatchNormIntoPreceding);
    /** A BatchNorm folds into the unpadded Conv or Gemm after it. */
    public static final MergeRule FOLD_BATCHNORM_INTO_FOLLOWING = new MergeRule("FoldBatchNormIntoFollowing",
            "W∗(s·x + t) + b = (W·diag s)∗x + (b + ΣW·t), no padding", FoldRules::batchNormIntoFollowing);
    /** A BatchNorm over the features a Gemm reads (between transposes) folds into the Gemm. */
    public static final MergeRule FOLD_CHANNELS_LAST_BATCHNORM_INTO_FOLLOWING = new MergeRule(
            "FoldChannelsLastBatchNormIntoFollowing", "W·T⁻¹(BN(T(x))) + b = (W·diag s)x + (b + Wt)",
            FoldRules::channelsLastBatchNormIntoFollowing);
    /** A per-channel constant factor (layer scale) folds into the layer before it. */
    public static final MergeRule FOLD_SCALE_INTO_PRECEDING = new MergeRule("FoldScaleIntoPreceding",
            "c·(W∗x + b) = (cW)∗x + cb", FoldRules::scaleIntoPreceding);
    /** A chain of Convs or of Gemms composes into as few layers as the bounds allow. */
    public static final MergeRule COMPOSE_CHAIN = new MergeRule("ComposeChain",
            "W2∗(W1∗x + b1) + b2 = (W2⊛W1)∗x + (W2·b1 + b2)", ComposeRules::composeChain);
    /** The skip around a single layer becomes an identity kernel in it. */
    public static final MergeRule ABSORB_RESIDUAL = new MergeRule("AbsorbResidual",
            "W∗x + b + x = (W + I)∗x + b", ComposeRules::absorbResidual);

    /** A 1×1 conv's moved padding goes back to the conv after it when the two were not composed. */
    public static final MergeRule RESTORE_PADDING = new MergeRule("RestorePadding",
            "W∗pad_b(V∗x + b) = W∗pad_0(V∗x + b) + W∗R_b", FrontPadding::restore);

    /** The layout rules, always on. */
    public static final List<MergeRule> LAYOUT = List.of(DROP_IDENTITY, CANCEL_INVERSE_TRANSPOSES,
            DROP_REPEATED_ACTIVATION, GEMM_ON_CHANNELS_LAST_TO_CONV);
    /** The folds that {@code fold batchnorm} enables. */
    public static final List<MergeRule> FOLDS = List.of(FOLD_BATCHNORM_INTO_PRECEDING,
            FOLD_CHANNELS_LAST_BATCHNORM_INTO_PRECEDING, FOLD_SCALE_INTO_PRECEDING, FOLD_BATCHNORM_INTO_FOLLOWING,
            FOLD_CHANNELS_LAST_BATCHNORM_INTO_FOLLOWING);

    /** The bounds and switches a declaration sets. */
    public record Bounds(boolean fold, boolean composeConv, boolean composeLinear, List<RatioBound> composeWhere,
            boolean absorb, List<RatioBound> absorbWhere) {

        public Bounds {
            composeWhere = List.copyOf(composeWhere);
            absorbWhere = List.copyOf(absorbWhere);
        }

        boolean composes(Op op) {
            return op == Op.CONV ? composeConv : op == Op.GEMM && composeLinear;
        }

        boolean absorbs() {
            return absorb;
        }

        boolean composeAllows(Cost before, Cost after) {
            return allows(composeWhere, before, after);
        }

        boolean absorbAllows(Cost before, Cost after) {
            return allows(absorbWhere, before, after);
        }

        String composeText() {
            return text(composeWhere);
        }

        String absorbText() {
            return text(absorbWhere);
        }

        private static boolean allows(List<RatioBound> conditions, Cost before, Cost after) {
            for (RatioBound c : conditions) {
                double ratio = switch (c.metric()) {
                    case MACS -> ComposeRules.ratio(after.macs(), before.macs());
                    case PARAMS -> ComposeRules.ratio(after.params(), before.params());
                    case LAYERS -> ComposeRules.ratio(after.layers(), before.layers());
                };
                if (!c.allows(ratio)) {
                    return false;
                }
            }
            return true;
        }

        private static String text(List<RatioBound> conditions) {
            return conditions.isEmpty() ? "no bound" : conditions.stream().map(RatioBound::toString).collect(Collectors.joining(", "));
        }
    }

    private final String name;
    private final Bounds bounds;
    private final List<MergeRule> normalize;
    private final List<MergeRule> collapse;

    private MergeRules(String name, Bounds bounds) {
        this.name = name;
        this.bounds = bounds;
        List<MergeRule> n = new ArrayList<>(LAYOUT);
        if (bounds.fold()) {
            n.addAll(FOLDS);
        }
        this.normalize = List.copyOf(n);
        List<MergeRule> c = new ArrayList<>(n);
        if (bounds.composeConv() || bounds.composeLinear()) {
            c.add(COMPOSE_CHAIN);
        }
        if (bounds.absorb()) {
            c.add(ABSORB_RESIDUAL);
        }
        this.collapse = List.copyOf(c);
    }

    /**
     * The rules a checked {@code rules} declaration selects.
     *
     * @throws IllegalArgumentException for a verb or target the merge does not know
     */
    public static MergeRules from(RuleDecl rules) {
        boolean fold = false;
        boolean conv = false;
        boolean linear = false;
        boolean absorb = false;
        List<RatioBound> composeWhere = new ArrayList<>();
        List<RatioBound> absorbWhere = new ArrayList<>();
        for (Directive d : rules.directives()) {
            for (String target : d.targets()) {
                switch (d.verb() + " " + target) {
                    case "fold batchnorm" -> fold = true;
                    case "compose conv" -> conv = true;
                    case "compose linear" -> linear = true;
                    case "absorb residual" -> absorb = true;
                    default -> throw new IllegalArgumentException(rules.name() + ": the merge has no rule '" + d.verb()
                            + " " + target + "'");
                }
            }
            if (d.verb().equals("compose")) {
                composeWhere.addAll(d.where());
            } else if (d.verb().equals("absorb")) {
                absorbWhere.addAll(d.where());
            }
        }
        return new MergeRules(rules.name(), new Bounds(fold, conv, linear, composeWhere, absorb, absorbWhere));
    }

    public String name() {
        return name;
    }

    public Bounds bounds() {
        return bounds;
    }

    /** The rules in the order the collapse pass tries them. */
    public List<MergeRule> rules() {
        return collapse;
    }

    /**
     * Merges a λ = 1 graph (Blends at λ = 1 are frozen first). The input is not changed.
     *
     * @throws IllegalArgumentException when a Blend is not at λ = 1 (the block is not linear yet)
     */
    public MergeResult merge(Graph graph) {
        for (Node n : graph.nodes()) {
            if (n.op() == Op.BLEND && Transform.lambdaOf(n) != 1) {
                throw new IllegalArgumentException("merge needs the λ = 1 subnet, but " + n.name() + " has λ = "
                        + Transform.lambdaOf(n));
            }
        }
        Graph frozen = Transform.freeze(graph);
        List<String> transformed = graph.nodes().stream().filter(n -> n.op() == Op.BLEND)
                .map(n -> n.attributes().getString(Transform.BLOCK, "")).distinct().toList();
        List<Block> pruned = BlockFinder.find(frozen).stream().filter(MergeRules::isLinearised)
                .map(b -> renamed(b, transformed)).toList();
        MergeState state = new MergeState(frozen, pruned, bounds, BaselineCost.ringShares(graph));
        Map<String, Integer> fired = new LinkedHashMap<>();
        runToFixedPoint(state, normalize, fired, frozen);
        runToFixedPoint(state, collapse, fired, frozen);
        runToFixedPoint(state, List.of(RESTORE_PADDING), fired, frozen);

        List<MergeReport.BlockMerge> blocks = new ArrayList<>();
        for (MergeState.PrunedBlock b : state.blocks().values()) {
            blocks.add(new MergeReport.BlockMerge(b.name(), describe(state.graph(), state.nodesOf(b)), b.before(),
                    state.costOf(b), state.notesOf(b.name())));
        }
        Graph merged = state.graph();
        return new MergeResult(merged, new MergeReport(blocks, fired, CostModel.of(graph), CostModel.of(merged)));
    }

    /**
     * The block under the name the transform knew it by: on the λ = 1 graph a block may be found under a longer
     * module path ({@code features.3.conv}), because its appended BatchNorm's parameters now share its module.
     */
    private static Block renamed(Block b, List<String> transformed) {
        return transformed.stream().filter(t -> b.name().equals(t) || b.name().startsWith(t + "."))
                .max(java.util.Comparator.comparingInt(String::length))
                .map(t -> new Block(t, b.nodes(), b.entry(), b.exit(), b.entryShape(), b.exitShape(), b.cost(),
                        b.residual(), b.rejection()))
                .orElse(b);
    }

    /** A block the transform has made linear (attention's softmax aside): no activation, no LayerNorm. */
    static boolean isLinearised(Block b) {
        return b.nodes().stream().noneMatch(n -> n.op().is(Op.Family.ACTIVATION) || n.op().is(Op.Family.GATE)
                || n.op() == Op.LAYER_NORMALIZATION)
                && b.nodes().stream().anyMatch(n -> n.op() == Op.CONV || n.op() == Op.GEMM);
    }

    private static void runToFixedPoint(MergeState state, List<MergeRule> rules, Map<String, Integer> fired, Graph input) {
        int budget = 20 * state.graph().nodes().size() + 100;
        boolean changed = true;
        while (changed) {
            changed = false;
            search:
            for (Node node : state.graph().nodes()) {
                for (MergeRule rule : rules) {
                    Optional<GraphEdit> edit = rule.apply(state, node);
                    if (edit.isPresent()) {
                        state.accept(edit.get(), edit.get().build());
                        fired.merge(rule.name(), 1, Integer::sum);
                        if (--budget < 0) {
                            throw new IllegalStateException("merge rules do not reach a fixed point (last: " + rule + ")");
                        }
                        changed = true;
                        break search;
                    }
                }
            }
        }
        verify(state.graph(), input);
    }

    /** The merge's invariants: a valid graph, with the same inputs and outputs (and shapes) as before. */
    private static void verify(Graph merged, Graph input) {
        GraphVerifier.verify(merged);
        List<String> problems = new ArrayList<>();
        if (!merged.inputs().equals(input.inputs())) {
            problems.add("inputs changed: " + input.inputs() + " → " + merged.inputs());
        }
        List<ValueInfo> before = input.outputs();
        List<ValueInfo> after = merged.outputs();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).shape().equals(after.get(i).shape())) {
                problems.add("output " + i + " changed shape: " + before.get(i) + " → " + after.get(i));
            }
        }
        if (merged.nodes().stream().anyMatch(n -> n.op() == Op.BLEND)) {
            problems.add("a Blend survived the merge");
        }
        if (!problems.isEmpty()) {
            throw new IrException(problems);
        }
    }

    /** {@code conv5×5 16→16 → +x}: the operators of a merged block. */
    static String describe(Graph g, List<Node> nodes) {
        List<String> parts = new ArrayList<>();
        for (Node n : nodes) {
            parts.add(switch (n.op()) {
                case CONV -> {
                    int[] k = g.shape(n.input(1)).dims();
                    int group = Patterns.group(n);
                    int[] st = Patterns.strides(n);
                    yield (group > 1 && group == k[0] ? "dw" : group > 1 ? "g" + group + " " : "") + "conv" + k[2] + "×" + k[3]
                            + (st[0] > 1 ? "/" + st[0] : "") + " " + k[1] * group + "→" + k[0];
                }
                case GEMM -> "linear " + g.shape(n.input(1)).dim(1) + "→" + g.shape(n.input(1)).dim(0);
                case ADD -> g.isParameter(n.input(1)) ? "+border" : "+x";
                default -> n.op().onnxName();
            });
        }
        return String.join(" → ", parts);
    }
}
