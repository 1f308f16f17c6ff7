package dev.prune.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Execution providers by name, and the message when the installed (CPU) ONNX Runtime lacks one. */
class OnnxRuntimeProvidersTest {

    @Test
    void parsesProviderNames() {
        assertEquals(ExecutionProvider.CPU, ExecutionProvider.parse("CPU"));
        assertEquals(new ExecutionProvider(ExecutionProvider.Kind.CUDA, 1), ExecutionProvider.parse("cuda:1"));
        assertEquals("rocm:0", ExecutionProvider.parse("rocm").toString());
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("cpu:1"));
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("cuda:x"));
    }

    @Test
    void cpuIsAlwaysThere() {
        try (OrtSession.SessionOptions options = OrtSessions.options(ExecutionProvider.CPU)) {
            assertTrue(OrtSessions.available().contains(OrtProvider.CPU));
        }
    }

    @Test
    void gpuProvidersOnTheCpuBuildFailWithWhatIsMissingAndHowToGetIt() {
        for (String name : List.of("rocm", "cuda")) {
            ExecutionProvider ep = ExecutionProvider.parse(name);
            assumeFalse(OrtSessions.available().contains(ep.kind().ortProvider()), "this ONNX Runtime has " + name);
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                    () -> OrtSessions.options(ep));
            System.out.println(e.getMessage());
            String build = name.equals("rocm") ? "ROCm build" : "CUDA build";
            assertTrue(e.getMessage().startsWith("execution provider " + name + ":0 is not available"), e.getMessage());
            assertTrue(e.getMessage().contains("ONNX Runtime's " + build), e.getMessage());
        }
    }
}
