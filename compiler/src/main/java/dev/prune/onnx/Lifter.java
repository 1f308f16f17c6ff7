package dev.prune.onnx;

/**
 * One pattern of ops that {@code torch.onnx.export} writes for a single PyTorch operation, lifted back into
 * the IR op it came from. A lifter is anchored at the pattern's first node and matches forward through sole
 * consumers, so the inner nodes are still unimported when it runs. Matching has no effects: only a complete
 * match emits IR, binds the pattern's output and consumes the pattern's nodes.
 */
interface Lifter {

    /** True when {@code anchor} starts this pattern and it was lifted; false leaves the node untouched. */
    boolean lift(OnnxNode anchor, ImportContext cx);
}
