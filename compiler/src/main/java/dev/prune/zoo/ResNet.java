package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import java.util.Set;

/**
 * torchvision's ResNet with basic blocks (resnet18, resnet34), names and shapes as its state dict:
 * {@code conv1}, {@code bn1}, {@code layer<i>.<j>.conv1/bn1/conv2/bn2/downsample.0/downsample.1}, {@code fc}.
 * Arguments: {@code depths} (blocks per stage) and {@code widths} (channels per stage; the stem has the first).
 * Small images need no special stem: 28×28 goes 14, 7, 7, 4, 2, 1 through the stages.
 */
final class ResNet implements ModelFamily {

    static final int[] RESNET18 = {2, 2, 2, 2};
    static final int[] RESNET34 = {3, 4, 6, 3};
    private static final int[] WIDTHS = {64, 128, 256, 512};

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("depths", "widths");
    }

    @Override
    public Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init) {
        int[] depths = args.ints("depths", RESNET18);
        int[] widths = args.ints("widths", WIDTHS);
        if (depths.length != widths.length) {
            throw new IllegalArgumentException("resnet: " + depths.length + " depths but " + widths.length + " widths");
        }
        Layers l = new Layers(new GraphBuilder(graphName), init);
        String x = l.graph().input("input", input.batched());
        x = l.conv("conv1", x, widths[0], 7, 2, 3, 1, false);
        x = l.relu("relu", l.batchNorm("bn1", x));
        x = l.maxPool("maxpool", x, 3, 2, 1);
        for (int stage = 0; stage < depths.length; stage++) {
            for (int block = 0; block < depths[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = basicBlock(l, "layer" + (stage + 1) + "." + block, x, widths[stage], stride);
            }
        }
        x = l.flatten("flatten", l.globalAveragePool("avgpool", x));
        x = l.linear("fc", x, classes, 0);
        return l.graph().output(x).build();
    }

    /** conv3×3-BN-ReLU-conv3×3-BN, plus the input (through a 1×1 conv-BN when the shape changes), then ReLU. */
    private static String basicBlock(Layers l, String prefix, String x, int planes, int stride) {
        String out = l.conv(prefix + ".conv1", x, planes, 3, stride, 1, 1, false);
        out = l.relu(prefix + ".relu", l.batchNorm(prefix + ".bn1", out));
        out = l.conv(prefix + ".conv2", out, planes, 3, 1, 1, 1, false);
        out = l.batchNorm(prefix + ".bn2", out);
        String identity = x;
        if (stride != 1 || l.channels(x) != planes) {
            identity = l.conv(prefix + ".downsample.0", x, planes, 1, stride, 0, 1, false);
            identity = l.batchNorm(prefix + ".downsample.1", identity);
        }
        return l.relu(prefix + ".relu", l.add(prefix + ".add", out, identity));
    }
}
