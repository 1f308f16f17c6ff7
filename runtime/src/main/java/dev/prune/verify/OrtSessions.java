package dev.prune.verify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Opens ONNX Runtime sessions on a named execution provider. The check comes first and is explicit: the
 * Maven Central builds are CPU-only, and {@code addCUDA()} / {@code addROCM()} on them fail with an opaque
 * {@code ORT_EP_FAIL}, so the provider list of the installed build is consulted and the failure explained.
 */
public final class OrtSessions {

    private OrtSessions() {
    }

    /** The providers compiled into the installed ONNX Runtime. */
    public static EnumSet<OrtProvider> available() {
        return OrtEnvironment.getAvailableProviders();
    }

    /**
     * Session options that run on {@code provider} (CPU kernels remain for ops the provider lacks, as
     * ONNX Runtime always does). The caller closes them.
     *
     * @throws ProviderUnavailableException when the installed build lacks the provider
     */
    public static OrtSession.SessionOptions options(ExecutionProvider provider) {
        return options(provider, java.util.OptionalInt.empty());
    }

    /**
     * As {@link #options(ExecutionProvider)}, with the session's intra-op thread pool of {@code threads} threads
     * ({@code runtime { threads N }}); empty leaves ONNX Runtime's default (one per core).
     */
    public static OrtSession.SessionOptions options(ExecutionProvider provider, java.util.OptionalInt threads) {
        if (!available().contains(provider.kind().ortProvider())) {
            throw new ProviderUnavailableException(provider, "the installed ONNX Runtime was built with "
                    + available() + " only", null);
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (threads.isPresent()) {
                options.setIntraOpNumThreads(threads.getAsInt());
            }
            switch (provider.kind()) {
                case CPU -> { }
                case CUDA -> options.addCUDA(provider.device());
                case ROCM -> options.addROCM(provider.device());
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw new ProviderUnavailableException(provider, "ONNX Runtime could not load it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A session for the model file on {@code provider}. The caller closes it.
     *
     * @throws ProviderUnavailableException when the installed build lacks the provider (checked first)
     * @throws ModelLoadException when the file is not a model this ONNX Runtime can load
     */
    public static OrtSession open(Path model, ExecutionProvider provider) {
        return open(model, provider, java.util.OptionalInt.empty());
    }

    /** As {@link #open(Path, ExecutionProvider)}, with the session's intra-op threads; empty: ONNX Runtime's default. */
    public static OrtSession open(Path model, ExecutionProvider provider, java.util.OptionalInt threads) {
        try (OrtSession.SessionOptions options = options(provider, threads)) {
            return OrtEnvironment.getEnvironment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new ModelLoadException(model, e.getMessage(), e);
        }
    }
}
