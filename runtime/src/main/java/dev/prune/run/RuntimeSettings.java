package dev.prune.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.prune.plan.RuntimePlan;
import dev.prune.verify.ExecutionProvider;
import dev.prune.verify.OrtSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where a run computes: DJL's training device and ONNX Runtime's execution provider, checked against what
 * the installed builds have before any work starts. The builds on Maven Central are CPU builds; a GPU
 * that is asked for and missing stops the run, unless the spec says {@code fallback cpu}, and then the
 * run says that it falls back.
 */
public record RuntimeSettings(Device device, ExecutionProvider provider, OptionalInt threads, List<String> notices) {

    public RuntimeSettings {
        notices = List.copyOf(notices);
    }

    /** Also sets DJL's thread count first: PyTorch reads it once, when the engine starts, and the GPU check starts it. */
    public static RuntimeSettings resolve(RuntimePlan runtime) throws RunSetupException {
        EngineThreads.configure(runtime.threads());
        boolean fallback = runtime.fallbackCpu();
        List<String> notices = new ArrayList<>();

        Device djlDevice = Device.cpu();
        if (runtime.device() instanceof RuntimePlan.Device.Gpu gpu) {
            int index = gpu.index();
            int available = Engine.getInstance().getGpuCount();
            if (index < available) {
                djlDevice = Device.gpu(index);
            } else {
                String missing = "training on gpu(" + index + ") needs DJL's PyTorch GPU native library "
                        + "(ai.djl.pytorch:pytorch-native-cu<version> for CUDA, in place of pytorch-native-cpu) and a GPU"
                        + " with its driver; this installation " + (available == 0 ? "has no GPU support" : "sees " + available + " GPU(s)");
                if (!fallback) {
                    throw new RunSetupException(missing + ". To train on the CPU instead, write 'device cpu' or 'fallback cpu' in the runtime section.");
                }
                notices.add(missing + "; falling back to cpu as the spec allows (fallback cpu)");
            }
        }

        ExecutionProvider provider = ExecutionProvider.parse(runtime.provider().id());
        if (!OrtSessions.available().contains(provider.kind().ortProvider())) {
            String missing = "ONNX Runtime's " + provider.kind().label() + " execution provider is not in the installed build (it has "
                    + OrtSessions.available() + "); " + provider.kind().howToGet();
            if (!fallback) {
                throw new RunSetupException(missing + ". To run the exported model on the CPU instead, write 'provider cpu' or 'fallback cpu'.");
            }
            notices.add(missing + "; falling back to the cpu provider as the spec allows (fallback cpu)");
            provider = ExecutionProvider.CPU;
        }
        return new RuntimeSettings(djlDevice, provider, runtime.threads(), notices);
    }
}
