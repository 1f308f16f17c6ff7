package dev.prune.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code export ... { verify atol A }}: the spec's tolerance decides whether ONNX Runtime agrees with the merged graph. */
class VerificationChainTest {

    @Test
    void theSpecsAtolDecidesTheOnnxLink() {
        assertEquals(Optional.empty(), VerificationChain.onnx(5e-4, 1e-3));
        Optional<String> failed = VerificationChain.onnx(5e-4, 1e-4);
        assertTrue(failed.isPresent());
        assertTrue(failed.get().contains("5.0E-4") && failed.get().contains("atol 1.0E-4"), failed.get());
        assertTrue(VerificationChain.onnx(Double.NaN, 1e-4).isPresent(), "NaN fails");
    }
}
