package dev.prune.onnx;

/** Thrown while importing one node: the message is the reason; the importer adds the node's name and op. */
final class Unsupported extends RuntimeException {

    Unsupported(String reason) {
        super(reason);
    }
}
