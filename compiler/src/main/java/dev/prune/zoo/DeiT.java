package dev.prune.zoo;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Op;
import dev.prune.ir.Tensor;
import java.util.List;
import java.util.Set;

/**
 * timm's VisionTransformer as DeiT uses it (class token, learned position embedding, pre-norm blocks, head on
 * the class token), names and shapes as timm's state dict: {@code cls_token}, {@code pos_embed},
 * {@code patch_embed.proj}, {@code blocks.<i>.norm1/attn.qkv/attn.proj/norm2/mlp.fc1/mlp.fc2}, {@code norm},
 * {@code head}. Arguments: {@code depth}, {@code dim}, {@code heads}, {@code patch}, {@code mlp_ratio}. The
 * default patch is 16 when it divides the image, else 4 (28×28 → 7×7 = 49 tokens).
 *
 * <p>The class token is prepended without Expand (which would need run-time shape ops for the dynamic batch):
 * tokens are padded with a zero row in front, the class token with zero rows behind, and the two are added.
 */
final class DeiT implements ModelFamily {

    private static final float EPSILON = 1e-6f;
    private static final double STD = 0.02;

    @Override
    public String name() {
        return "deit";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("depth", "dim", "heads", "patch", "mlp_ratio");
    }

    @Override
    public Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init) {
        int depth = args.intValue("depth", 12);
        int dim = args.intValue("dim", 192);
        int heads = args.intValue("heads", 3);
        int patch = args.intValue("patch", input.height() % 16 == 0 && input.width() % 16 == 0 ? 16 : 4);
        int hidden = (int) (dim * args.doubleValue("mlp_ratio", 4.0));
        if (dim % heads != 0) {
            throw new IllegalArgumentException("deit: dim " + dim + " is not divisible by " + heads + " heads");
        }
        if (input.height() % patch != 0 || input.width() % patch != 0) {
            throw new IllegalArgumentException("deit: patch " + patch + " does not divide the image "
                    + input.height() + "×" + input.width());
        }
        int tokens = (input.height() / patch) * (input.width() / patch) + 1;

        Layers l = new Layers(new GraphBuilder(graphName), init);
        GraphBuilder g = l.graph();
        String x = g.input("input", input.batched());
        String cls = g.trainable("cls_token", init.normal("cls_token", 1e-6, 1, 1, dim));
        String pos = g.trainable("pos_embed", init.truncatedNormal("pos_embed", STD, 1, tokens, dim));
        x = l.conv("patch_embed.proj", x, dim, patch, patch, 0, 1, true);
        x = l.reshape("patch_embed.flatten", x, 0, dim, -1);
        x = l.transpose("patch_embed.to_tokens", x, 0, 2, 1);
        x = l.add("cls_concat", pad(g, "cls_pad_tokens", x, 1, 0), pad(g, "cls_pad_token", cls, 0, tokens - 1));
        x = l.add("pos_add", x, pos);
        for (int i = 0; i < depth; i++) {
            String prefix = "blocks." + i;
            x = l.add(prefix + ".add", x, attention(l, prefix, l.layerNorm(prefix + ".norm1", x, EPSILON), heads));
            x = l.add(prefix + ".add", x, mlp(l, prefix + ".mlp", l.layerNorm(prefix + ".norm2", x, EPSILON), hidden));
        }
        x = l.layerNorm("norm", x, EPSILON);
        x = g.node(Op.SLICE, "pool", List.of(x),
                Attributes.builder().putInts("starts", 0).putInts("ends", 1).putInts("axes", 1).build());
        x = l.reshape("pool.flatten", x, 0, -1);
        x = l.linear("head", x, classes, STD);
        return g.output(x).build();
    }

    /** Zero rows before ({@code front}) and after ({@code back}) along the token axis of a [N, T, D] value. */
    private static String pad(GraphBuilder g, String name, String x, int front, int back) {
        return g.node(Op.PAD, name, List.of(x),
                Attributes.builder().put("mode", "constant").putInts("pads", 0, front, 0, 0, back, 0).build());
    }

    /**
     * Multi-head self-attention as timm computes it: qkv → q, k, v heads → softmax(q·scale · kᵀ) · v → proj.
     * Splitting the 3D features in three and then into heads equals timm's reshape(B, T, 3, h, d).
     */
    private static String attention(Layers l, String prefix, String x, int heads) {
        GraphBuilder g = l.graph();
        int tokens = l.shape(x).dim(1);
        int dim = l.shape(x).dim(2);
        int headDim = dim / heads;
        String qkv = l.linear(prefix + ".attn.qkv", x, 3 * dim, STD);
        List<String> parts = g.node(Op.SPLIT, prefix + ".attn.split", List.of(qkv),
                Attributes.builder().put("axis", -1).putInts("split", dim, dim, dim).build(), 3);
        String q = l.transpose(prefix + ".attn.q_heads",
                l.reshape(prefix + ".attn.q_reshape", parts.get(0), 0, tokens, heads, headDim), 0, 2, 1, 3);
        String kT = l.transpose(prefix + ".attn.k_heads",
                l.reshape(prefix + ".attn.k_reshape", parts.get(1), 0, tokens, heads, headDim), 0, 2, 3, 1);
        String v = l.transpose(prefix + ".attn.v_heads",
                l.reshape(prefix + ".attn.v_reshape", parts.get(2), 0, tokens, heads, headDim), 0, 2, 1, 3);
        String scale = g.constant(prefix + ".attn.scale", Tensor.scalar((float) (1 / Math.sqrt(headDim))));
        q = l.mul(prefix + ".attn.q_scale", q, scale);
        String scores = g.node(Op.MAT_MUL, prefix + ".attn.scores", List.of(q, kT));
        String weights = g.node(Op.SOFTMAX, prefix + ".attn.softmax", List.of(scores),
                Attributes.builder().put("axis", -1).build());
        String context = g.node(Op.MAT_MUL, prefix + ".attn.context", List.of(weights, v));
        context = l.transpose(prefix + ".attn.merge_heads", context, 0, 2, 1, 3);
        context = l.reshape(prefix + ".attn.merge_reshape", context, 0, tokens, dim);
        return l.linear(prefix + ".attn.proj", context, dim, STD);
    }

    private static String mlp(Layers l, String prefix, String x, int hidden) {
        int dim = l.shape(x).dim(-1);
        String y = l.linear(prefix + ".fc1", x, hidden, STD);
        y = l.gelu(prefix + ".act", y);
        return l.linear(prefix + ".fc2", y, dim, STD);
    }
}
