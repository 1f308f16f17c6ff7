package dev.prune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import dev.prune.plan.Plan;
import dev.prune.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code runtime { threads N }} reaches DJL's PyTorch engine before it starts, also on the GPU path (whose
 * device check starts the engine). Each case runs in a fresh JVM, since the engine starts once per process;
 * the child reports what PyTorch itself says its intra-op thread count is.
 */
class EngineThreadsTest {

    @Test
    void theThreadCountReachesPyTorchOnTheCpuAndTheGpuPath() throws Exception {
        assertEquals("1", childReports("cpu", 1));
        assertEquals("3", childReports("cpu", 3));
        assertEquals("3", childReports("gpu(0)", 3));
    }

    private static String childReports(String device, int threads) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", Probe.class.getName(), device,
                Integer.toString(threads)).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), err);
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** The child: plans a recipe with the device and threads, resolves its runtime settings as the runner does, prints PyTorch's count. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            String text = """
                    prune 1
                    import std.updp
                    recipe r {
                      model convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128]) { input [1, 28, 28]; classes 10 }
                      data fashion_mnist("d")
                      train baseline { epochs 1 }
                      space { blocks "features.*.*" except "features.*.0"; prune 1; transform updp.block }
                      search exhaustive { }
                      train subnet { epochs 1; progressive immediate }
                      merge updp.merge
                      export onnx("o.onnx")
                      runtime { device %s; threads %s; fallback cpu }
                    }
                    """.formatted(args[0], args[1]);
            Compilation compilation = Compiler.compile(new Source("r.prune", text), List.of());
            if (!compilation.ok()) {
                throw new IllegalStateException(compilation.render());
            }
            Plan plan = Planner.plan(compilation.recipes().get(0));
            RuntimeSettings.resolve(plan.runtime());
            ai.djl.engine.Engine.getInstance();
            System.out.println(ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
    }
}
