package dev.prune.ir;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The closed set of operators of the IR: ONNX operators, plus the training-only {@link #BLEND}.
 *
 * <p>Rewrite rules match a {@link Family} rather than single ops, so an op gets the existing rules by joining
 * a family. Inputs that ONNX passes as constant tensors (Reshape's shape, Clip's bounds, Pad's pads, Split's
 * sizes, Slice's ranges) are attributes here; the exporter turns them back into initializers.
 *
 * <p>Two departures from ONNX, both lowered by the exporter: {@link #GEMM} is {@code y = x·Wᵀ + b} over the
 * last axis of an input of any rank (ONNX Gemm with transB = 1 when the input is 2-D), which is how
 * PyTorch's Linear works on tokens and on channels-last maps; and {@link #BLEND} exists only in training.
 */
public enum Op {
    CONV("Conv", Family.LINEAR),
    GEMM("Gemm", Family.LINEAR),
    MAT_MUL("MatMul", Family.LINEAR),

    BATCH_NORMALIZATION("BatchNormalization", Family.NORMALIZATION),
    /** Normalizes over the last axis only (attribute axis = -1), as ConvNeXt and DeiT use it. */
    LAYER_NORMALIZATION("LayerNormalization", Family.NORMALIZATION),

    RELU("Relu", Family.ACTIVATION),
    /** With min 0 and max 6 this is ReLU6. */
    CLIP("Clip", Family.ACTIVATION),
    /** The exact (erf) form: attribute approximate = "none". */
    GELU("Gelu", Family.ACTIVATION),
    /** x·HardSigmoid(x) with α = 1/6, β = 0.5 (MobileNetV3). */
    HARD_SWISH("HardSwish", Family.ACTIVATION),
    /** x·Sigmoid(x) (EfficientNet, RegNetY): no ONNX op below opset 22, exported as Sigmoid and Mul. */
    SILU("Silu", Family.ACTIVATION),
    /** Hyperbolic tangent (MaxViT's classifier head). */
    TANH("Tanh", Family.ACTIVATION),

    /** 1 / (1 + e^−x): a squeeze-and-excitation gate, or half of a SiLU before the importer lifts it. */
    SIGMOID("Sigmoid", Family.GATE),
    /** max(0, min(1, α·x + β)); attributes alpha, beta (MobileNetV3's SE gate: α = 1/6). */
    HARD_SIGMOID("HardSigmoid", Family.GATE),

    ADD("Add", Family.ARITHMETIC),
    SUB("Sub", Family.ARITHMETIC),
    MUL("Mul", Family.ARITHMETIC),
    DIV("Div", Family.ARITHMETIC),

    GLOBAL_AVERAGE_POOL("GlobalAveragePool", Family.POOLING),
    /** Attributes kernel_shape, strides, pads, ceil_mode (PyTorch's rule: no window starts in the end padding). */
    MAX_POOL("MaxPool", Family.POOLING),
    /** As MaxPool, plus count_include_pad (PyTorch's default 1 for nn.AvgPool2d). */
    AVERAGE_POOL("AveragePool", Family.POOLING),
    REDUCE_MEAN("ReduceMean", Family.POOLING),
    /** √(Σ x²) over attributes axes (keepdims): the norm of F.normalize, Swin V2's cosine attention. */
    REDUCE_L2("ReduceL2", Family.POOLING),

    SOFTMAX("Softmax", Family.ATTENTION),

    FLATTEN("Flatten", Family.LAYOUT),
    RESHAPE("Reshape", Family.LAYOUT),
    TRANSPOSE("Transpose", Family.LAYOUT),
    CONCAT("Concat", Family.LAYOUT),
    SLICE("Slice", Family.LAYOUT),
    SPLIT("Split", Family.LAYOUT),
    PAD("Pad", Family.LAYOUT),
    IDENTITY("Identity", Family.LAYOUT),

    /** {@code (1 − λ)·a + λ·b}; λ is attribute "lambda" or a scalar third input. Never exported. */
    BLEND("Blend", Family.TRAINING);

    /** Ops grouped by the property that rewrite rules care about. */
    public enum Family {
        /** Affine in the activation input, with weights: conv, linear, matmul. */
        LINEAR,
        /** Normalizations: affine in eval mode for BatchNorm, not for LayerNorm. */
        NORMALIZATION,
        /** Pointwise non-linearities that the UPDP transform turns into identities. */
        ACTIVATION,
        /**
         * Pointwise functions into [0, 1] that multiply another value (squeeze-and-excitation): not activations,
         * since replacing them by identity would change what the block computes rather than linearise it.
         */
        GATE,
        /** Elementwise binary arithmetic with numpy broadcasting. */
        ARITHMETIC,
        /** Spatial or axis reductions. */
        POOLING,
        /** Softmax: non-linear, and kept by the transform. */
        ATTENTION,
        /** Data movement without arithmetic. */
        LAYOUT,
        /** Exists only while training; never reaches an export. */
        TRAINING
    }

    private final String onnxName;
    private final Family family;

    Op(String onnxName, Family family) {
        this.onnxName = onnxName;
        this.family = family;
    }

    public String onnxName() {
        return onnxName;
    }

    public Family family() {
        return family;
    }

    public boolean is(Family f) {
        return family == f;
    }

    public static Set<Op> of(Family f) {
        EnumSet<Op> ops = EnumSet.noneOf(Op.class);
        for (Op op : values()) {
            if (op.family == f) {
                ops.add(op);
            }
        }
        return ops;
    }

    public static Optional<Op> fromOnnx(String onnxName) {
        return Arrays.stream(values()).filter(op -> op.onnxName.equals(onnxName)).findFirst();
    }
}
