package dev.prune.verify;

import java.nio.file.Path;

/**
 * ONNX Runtime cannot load a model file: it is not ONNX, or it uses an operator or opset the installed build
 * lacks. A problem with the user's file, not with prune, so callers report it as such.
 */
public final class ModelLoadException extends RuntimeException {

    private final Path model;
    private final String detail;

    ModelLoadException(Path model, String detail, Throwable cause) {
        super("ONNX Runtime cannot load " + model + ": " + detail, cause);
        this.model = model;
        this.detail = detail;
    }

    public Path model() {
        return model;
    }

    /** ONNX Runtime's own words for the failure. */
    public String detail() {
        return detail;
    }
}
