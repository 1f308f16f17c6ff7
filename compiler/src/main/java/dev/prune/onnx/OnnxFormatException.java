package dev.prune.onnx;

/** Bytes that are not an ONNX model this reader understands: malformed protobuf or an unsupported feature. */
public final class OnnxFormatException extends RuntimeException {

    public OnnxFormatException(String message) {
        super(message);
    }
}
