package dev.prune.zoo;

import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import java.util.Set;

/**
 * torchvision's MobileNetV2, names and shapes as its state dict: {@code features.0} (stem conv-BN-ReLU6),
 * {@code features.1…17} (inverted residuals, {@code features.<i>.conv.*}), {@code features.18} (1×1 conv to
 * 1280), {@code classifier.1} (the Linear after dropout). Argument: {@code width_mult} (default 1.0), with
 * torchvision's rounding of channels to multiples of 8. 28×28 inputs work as is (28 → 14 → 7 → 4 → 2 → 1).
 */
final class MobileNetV2 implements ModelFamily {

    /** expansion t, channels c, repeats n, first stride s: the paper's table 2. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    @Override
    public String name() {
        return "mobilenet_v2";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("width_mult");
    }

    @Override
    public Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init) {
        double widthMult = args.doubleValue("width_mult", 1.0);
        Layers l = new Layers(new GraphBuilder(graphName), init);
        String x = l.graph().input("input", input.batched());
        x = convBnRelu6(l, "features.0", x, makeDivisible(32 * widthMult), 3, 2, 1);
        int index = 1;
        for (int[] s : SETTINGS) {
            int out = makeDivisible(s[1] * widthMult);
            for (int i = 0; i < s[2]; i++) {
                x = invertedResidual(l, "features." + index++, x, out, i == 0 ? s[3] : 1, s[0]);
            }
        }
        x = convBnRelu6(l, "features." + index, x, makeDivisible(1280 * Math.max(1.0, widthMult)), 1, 1, 1);
        x = l.flatten("flatten", l.globalAveragePool("avgpool", x));
        x = l.linear("classifier.1", x, classes, 0);
        return l.graph().output(x).build();
    }

    /** torchvision's Conv2dNormActivation: conv (padding (k−1)/2, no bias) → BN → ReLU6, as {@code .0}, {@code .1}. */
    private static String convBnRelu6(Layers l, String prefix, String x, int out, int kernel, int stride, int groups) {
        String y = l.conv(prefix + ".0", x, out, kernel, stride, (kernel - 1) / 2, groups, false);
        return l.relu6(prefix + ".2", l.batchNorm(prefix + ".1", y));
    }

    /** [pw expand-BN-ReLU6] → dw3×3-BN-ReLU6 → pw project-BN, plus the input when stride 1 and same width. */
    private static String invertedResidual(Layers l, String prefix, String x, int out, int stride, int expand) {
        int in = l.channels(x);
        int hidden = Math.round(in * (float) expand);
        String y = x;
        int layer = 0;
        if (expand != 1) {
            y = convBnRelu6(l, prefix + ".conv." + layer++, y, hidden, 1, 1, 1);
        }
        y = convBnRelu6(l, prefix + ".conv." + layer++, y, hidden, 3, stride, hidden);
        y = l.conv(prefix + ".conv." + layer++, y, out, 1, 1, 0, 1, false);
        y = l.batchNorm(prefix + ".conv." + layer, y);
        return stride == 1 && in == out ? l.add(prefix + ".add", x, y) : y;
    }

    /** torchvision's _make_divisible: nearest multiple of 8, never more than 10 % below the exact value. */
    static int makeDivisible(double v) {
        int divisor = 8;
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }
}
