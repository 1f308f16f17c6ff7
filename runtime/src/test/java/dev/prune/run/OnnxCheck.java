package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The ONNX project's own checker on an exported file (Debian's python3-onnx). Where it is missing the test fails
 * under {@code CI=true} (.ci/run installs it) and is skipped with a reason elsewhere, as the compiler's
 * {@code dev.prune.Requires} does.
 */
final class OnnxCheck {

    private static final String PYTHON = "/usr/bin/python3";

    private OnnxCheck() {
    }

    static boolean available() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import onnx").redirectErrorStream(true).start();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void assertValid(Path model) throws IOException, InterruptedException {
        if (!available()) {
            String reason = PYTHON + " cannot import onnx (install Debian's python3-onnx)";
            assertFalse("true".equalsIgnoreCase(System.getenv("CI")), reason + " (CI=true: .ci/run installs it)");
            System.out.println("skipped: " + reason);
            Assumptions.abort(reason);
        }
        Process check = new ProcessBuilder(PYTHON, "-c",
                "import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", model.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, check.exitValue(), "onnx.checker rejected " + model + ":\n" + output);
    }
}
