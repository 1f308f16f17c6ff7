package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference ONNX checker ({@code onnx.checker.check_model(m, full_check=True)}) run through Debian's
 * python3-onnx, one process for many files. When {@code /usr/bin/python3} cannot import onnx the calling
 * test fails under CI (which installs it) and is skipped with the reason elsewhere ({@link Requires}). Public for the rewrite tests' exported subnets.
 */
public final class OnnxChecker {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = String.join("\n",
            "import sys, onnx",
            "for f in sys.argv[1:]:",
            "    try:",
            "        onnx.checker.check_model(onnx.load(f), full_check=True)",
            "    except Exception as e:",
            "        print(f + ': ' + str(e).replace(chr(10), ' '))");

    private static Boolean available;

    private OnnxChecker() {
    }

    /** Asserts that every file passes the full check; requires the checker ({@link Requires}). */
    public static void assertValid(List<Path> files) {
        Requires.tool(isAvailable(), PYTHON + " cannot import onnx (apt-get install python3-onnx)");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", SCRIPT));
        files.forEach(f -> command.add(f.toString()));
        Result r = exec(command);
        assertEquals(0, r.exitCode, "checker crashed: " + r.output);
        assertEquals("", r.output.trim(), "ONNX checker rejected files");
    }

    /** Runs a Python snippet with onnx importable ({@link Requires}); fails on a non-zero exit. */
    static String runPython(String script, String... args) {
        Requires.tool(isAvailable(), PYTHON + " cannot import onnx (apt-get install python3-onnx)");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Result r = exec(command);
        assertEquals(0, r.exitCode, "python failed: " + r.output);
        return r.output;
    }

    static synchronized boolean isAvailable() {
        if (available == null) {
            available = exec(List.of(PYTHON, "-c", "import onnx")).exitCode == 0;
        }
        return available;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
