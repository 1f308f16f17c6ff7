package dev.prune.verify;

import java.util.Locale;
import java.util.Optional;

/**
 * The links every run checks, with their tolerances: the subnet at λ = 0 equals the baseline (the transform
 * starts from the trained model), the merged graph equals the λ = 1 subnet (the algebra is exact), ONNX
 * Runtime's logits equal the merged graph's (the export is faithful), and ONNX Runtime's test top-1 equals
 * the merged model's. Each link returns the failure to report, or nothing when it holds.
 */
public final class VerificationChain {

    /**
     * At λ = 0 the transformed graph computes the baseline's function. It is bit-identical where the
     * structure is (ConvNeXt, DeiT); where the transform moved a block's zero padding to its entry (ResNet,
     * MobileNetV2) the convolutions run on other shapes, and PyTorch may pick kernels that round differently.
     */
    public static final double LAMBDA0_TOLERANCE = 1e-5;
    /** Merging is exact algebra: the merged graph must equal the λ = 1 subnet to this relative error. */
    public static final double MERGE_TOLERANCE = 1e-5;
    /** ONNX Runtime's top-1 on the test split must equal the merged model's within this many points. */
    public static final double TOP1_TOLERANCE_POINTS = 0.1;

    private VerificationChain() {
    }

    /** Relative difference of the subnet at λ = 0 from the baseline. NaN fails. */
    public static Optional<String> lambda0(double relative) {
        return relative <= LAMBDA0_TOLERANCE ? Optional.empty() : Optional.of("verification failed: the subnet at λ = 0 differs from"
                + " the baseline by " + relative + " (relative), above " + LAMBDA0_TOLERANCE
                + "; the transform must leave the baseline unchanged at λ = 0");
    }

    /** Relative difference of the merged graph from the λ = 1 subnet. */
    public static Optional<String> merged(double relative, String report) {
        return relative <= MERGE_TOLERANCE ? Optional.empty() : Optional.of("verification failed: the merged graph differs from the"
                + " λ = 1 subnet by " + relative + " (relative), above " + MERGE_TOLERANCE + "; see " + report);
    }

    /** Max |difference| of ONNX Runtime's logits from the merged graph's, against the spec's atol. */
    public static Optional<String> onnx(double difference, double atol) {
        return difference <= atol ? Optional.empty() : Optional.of("verification failed: ONNX Runtime's logits differ from the"
                + " merged graph's by " + difference + ", above the spec's atol " + atol);
    }

    /** ONNX Runtime's test top-1 against the merged model's, both in [0, 1]. */
    public static Optional<String> top1(double onnxTop1, double mergedTop1) {
        return Math.abs(onnxTop1 - mergedTop1) * 100 <= TOP1_TOLERANCE_POINTS ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "verification failed: ONNX Runtime's test top-1 %.2f%% differs from the merged"
                        + " model's %.2f%% by more than %.1f point", 100 * onnxTop1, 100 * mergedTop1, TOP1_TOLERANCE_POINTS));
    }
}
