package dev.prune.plan;

import java.util.OptionalInt;

/**
 * The {@code runtime} section, bound. None of it enters a stage's hash (see the catalogue's docs): it says
 * where and how fast a stage computes, not what.
 *
 * @param threads     intra-op threads for DJL's PyTorch and ONNX Runtime; empty for the engines' own choice
 * @param fallbackCpu whether a missing device or provider falls back to the CPU instead of stopping the run
 * @param sparkMaster where the search scores its candidates: empty for this process, else as Spark tasks on this master
 */
public record RuntimePlan(Device device, Provider provider, OptionalInt threads, boolean fallbackCpu,
        java.util.Optional<String> sparkMaster) {

    /** Where DJL trains. */
    public sealed interface Device {
        record Cpu() implements Device {
        }

        record Gpu(int index) implements Device {
        }
    }

    /** ONNX Runtime's execution provider. */
    public enum Provider {
        CPU, ROCM, CUDA;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
