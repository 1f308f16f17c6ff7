package dev.prune.verify;

import ai.onnxruntime.OrtProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An ONNX Runtime execution provider as a spec or the command line names it: {@code cpu}, {@code cuda},
 * {@code rocm}, optionally with a device ({@code cuda:1}).
 */
public record ExecutionProvider(Kind kind, int device) {

    public enum Kind {
        CPU(OrtProvider.CPU, "the CPU build com.microsoft.onnxruntime:onnxruntime"),
        CUDA(OrtProvider.CUDA, "ONNX Runtime's CUDA build (com.microsoft.onnxruntime:onnxruntime_gpu, with a "
                + "matching CUDA and cuDNN installed) in place of the CPU build"),
        ROCM(OrtProvider.ROCM, "ONNX Runtime's ROCm build (built from source with --use_rocm --build_java, "
                + "its jar in place of the CPU build, with ROCm installed)");

        private final OrtProvider ortProvider;
        private final String howToGet;

        Kind(OrtProvider ortProvider, String howToGet) {
            this.ortProvider = ortProvider;
            this.howToGet = howToGet;
        }

        public OrtProvider ortProvider() {
            return ortProvider;
        }

        /** Which ONNX Runtime build provides this kind: what a user must install to get it. */
        public String howToGet() {
            return howToGet;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ExecutionProvider {
        if (device < 0) {
            throw new IllegalArgumentException("device must be ≥ 0, is " + device);
        }
    }

    public static final ExecutionProvider CPU = new ExecutionProvider(Kind.CPU, 0);

    /**
     * @param name {@code cpu}, {@code cuda}, {@code rocm}, or {@code cuda:N} / {@code rocm:N}
     * @throws IllegalArgumentException naming the known providers
     */
    public static ExecutionProvider parse(String name) {
        String[] parts = name.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown execution provider '" + name + "' (known: "
                        + Arrays.stream(Kind.values()).map(Kind::label).collect(Collectors.joining(", ")) + ")"));
        if (parts.length == 1) {
            return new ExecutionProvider(kind, 0);
        }
        if (kind == Kind.CPU) {
            throw new IllegalArgumentException("execution provider cpu takes no device: '" + name + "'");
        }
        try {
            return new ExecutionProvider(kind, Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device of '" + name + "' is not a number", e);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : kind.label() + ":" + device;
    }
}
