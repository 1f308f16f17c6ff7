package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import java.util.Set;

/**
 * torchvision's ConvNeXt, names and shapes as its state dict. {@code features.0} is the patchify stem
 * (conv, LayerNorm2d); stage i's blocks are {@code features.<2i+1>.<j>} with {@code layer_scale} (the paper's
 * γ, shape [C,1,1]) and {@code block.0} dw7×7, {@code block.2} LayerNorm, {@code block.3}/{@code block.5} the
 * pointwise Linears in channels-last; {@code features.<2i+2>} downsamples (LayerNorm2d, conv 2×2/2);
 * {@code classifier.0} LayerNorm, {@code classifier.2} Linear.
 *
 * <p>Arguments: {@code depths}, {@code dims}, {@code layer_scale} (initial γ, default 1e-6), {@code stem}
 * (patch size of the stem). The default stem is torchvision's 4 unless the image is too small for it: it is
 * the largest of 4, 2, 1 that leaves at least one pixel after the stages' downsamplings (⌊min side / stem⌋ ≥
 * 2^(stages−1)). So 224×224 keeps 4, and 28×28 gets 2 (28 → 14 → 7 → 3 → 1).
 */
final class ConvNeXt implements ModelFamily {

    static final int[] TINY_DEPTHS = {3, 3, 9, 3};
    static final int[] TINY_DIMS = {96, 192, 384, 768};
    private static final float EPSILON = 1e-6f;

    @Override
    public String name() {
        return "convnext";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("depths", "dims", "layer_scale", "stem");
    }

    @Override
    public Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init) {
        int[] depths = args.ints("depths", TINY_DEPTHS);
        int[] dims = args.ints("dims", TINY_DIMS);
        if (depths.length != dims.length) {
            throw new IllegalArgumentException("convnext: " + depths.length + " depths but " + dims.length + " dims");
        }
        float layerScale = (float) args.doubleValue("layer_scale", 1e-6);
        int stem = args.intValue("stem", defaultStem(input, depths.length));

        Layers l = new Layers(new GraphBuilder(graphName), init);
        String x = l.graph().input("input", input.batched());
        x = l.conv("features.0.0", x, dims[0], stem, stem, 0, 1, true);
        x = layerNorm2d(l, "features.0.1", x);
        int feature = 1;
        for (int stage = 0; stage < depths.length; stage++) {
            for (int block = 0; block < depths[stage]; block++) {
                x = block(l, "features." + feature + "." + block, x, layerScale);
            }
            feature++;
            if (stage + 1 < depths.length) {
                String prefix = "features." + feature++;
                x = layerNorm2d(l, prefix + ".0", x);
                x = l.conv(prefix + ".1", x, dims[stage + 1], 2, 2, 0, 1, true);
            }
        }
        x = l.flatten("classifier.1", l.globalAveragePool("avgpool", x));
        // torchvision applies LayerNorm2d before Flatten; on a 1×1 map that is the same as LayerNorm after it.
        x = l.layerNorm("classifier.0", x, EPSILON);
        x = l.linear("classifier.2", x, classes, 0);
        return l.graph().output(x).build();
    }

    static int defaultStem(ImageShape input, int stages) {
        int needed = 1 << (stages - 1);
        for (int stem : new int[] {4, 2}) {
            if (input.minSide() / stem >= needed) {
                return stem;
            }
        }
        return 1;
    }

    /** dw7×7 → (channels-last) LayerNorm → Linear C→4C → GELU → Linear 4C→C → (channels-first) × γ, + x. */
    private static String block(Layers l, String prefix, String x, float layerScale) {
        int dim = l.channels(x);
        // layer_scale is registered first, as it is in the state dict (a module's own parameters precede its children's).
        String gamma = l.graph().trainable(prefix + ".layer_scale", l.init().constant(layerScale, dim, 1, 1));
        String y = l.conv(prefix + ".block.0", x, dim, 7, 1, 3, dim, true);
        y = l.toChannelsLast(prefix + ".block.1", y);
        y = l.layerNorm(prefix + ".block.2", y, EPSILON);
        y = l.linear(prefix + ".block.3", y, 4 * dim, 0);
        y = l.gelu(prefix + ".block.4", y);
        y = l.linear(prefix + ".block.5", y, dim, 0);
        y = l.toChannelsFirst(prefix + ".block.6", y);
        y = l.mul(prefix + ".scale", y, gamma);
        return l.add(prefix + ".add", y, x);
    }

    /** torchvision's LayerNorm2d: LayerNorm over channels, done channels-last. */
    private static String layerNorm2d(Layers l, String module, String x) {
        String y = l.toChannelsLast(module + ".to_channels_last", x);
        y = l.layerNorm(module, y, EPSILON);
        return l.toChannelsFirst(module + ".to_channels_first", y);
    }
}
