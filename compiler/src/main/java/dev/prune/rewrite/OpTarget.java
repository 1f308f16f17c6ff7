package dev.prune.rewrite;

import dev.prune.ir.Node;
import dev.prune.ir.Op;
import java.util.Arrays;
import java.util.Optional;

/**
 * The words a {@code transform} directive names ({@code relu}, {@code layernorm}…), and which IR nodes each
 * one matches. A word the IR has no operator for ({@code groupnorm}) matches nothing.
 */
enum OpTarget {
    RELU("relu"),
    RELU6("relu6"),
    GELU("gelu"),
    SILU("silu"),
    HARDSWISH("hardswish"),
    LAYERNORM("layernorm"),
    GROUPNORM("groupnorm"),
    BATCHNORM("batchnorm");

    private final String word;

    OpTarget(String word) {
        this.word = word;
    }

    static Optional<OpTarget> of(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }

    String word() {
        return word;
    }

    boolean matches(Node node) {
        return switch (this) {
            case RELU -> node.op() == Op.RELU;
            case RELU6 -> node.op() == Op.CLIP && node.attributes().getFloat("min", Float.NaN) == 0f
                    && node.attributes().getFloat("max", Float.NaN) == 6f;
            case GELU -> node.op() == Op.GELU;
            case LAYERNORM -> node.op() == Op.LAYER_NORMALIZATION;
            case BATCHNORM -> node.op() == Op.BATCH_NORMALIZATION;
            case SILU -> node.op() == Op.SILU;
            case HARDSWISH -> node.op() == Op.HARD_SWISH;
            case GROUPNORM -> false;
        };
    }
}
