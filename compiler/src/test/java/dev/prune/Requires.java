package dev.prune;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A test's outside requirement (Debian's python3-onnx, python3-torch, ...). CI installs every one, so under
 * {@code CI=true} a missing tool fails the test; elsewhere the test is skipped and says why on the console,
 * so that a developer without torch can still run the suite.
 */
public final class Requires {

    private Requires() {
    }

    /** Passes when {@code available}; otherwise fails under CI, or skips with {@code reason}. */
    public static void tool(boolean available, String reason) {
        if (available) {
            return;
        }
        if (onCi()) {
            fail(reason + " (CI=true: .ci/run installs it, so a missing tool is a failure, not a skip)");
        }
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
