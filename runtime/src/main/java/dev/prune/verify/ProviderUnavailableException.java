package dev.prune.verify;

/**
 * The installed ONNX Runtime cannot run on the requested execution provider. Thrown before any work, with
 * what is missing and how to get it: there is no silent fallback to the CPU.
 */
public final class ProviderUnavailableException extends RuntimeException {

    private final ExecutionProvider provider;

    ProviderUnavailableException(ExecutionProvider provider, String detail, Throwable cause) {
        super("execution provider " + provider + " is not available: " + detail + ". To run on "
                + provider.kind().label() + ", install " + provider.kind().howToGet() + ".", cause);
        this.provider = provider;
    }

    public ExecutionProvider provider() {
        return provider;
    }
}
