package dev.prune.api;

/** The body of {@code runtime { ... }}: where training and the exported model run. */
public final class RuntimeSection extends SectionBuilder<RuntimeSection> {

    RuntimeSection(Settings settings) {
        super(settings);
    }

    @Override
    RuntimeSection with(Settings settings) {
        return new RuntimeSection(settings);
    }

    /** {@code device cpu} or {@code device gpu(1)}. */
    public RuntimeSection device(CallBuilder device) {
        return set("device", device);
    }

    /** {@code provider cpu}: ONNX Runtime's execution provider. */
    public RuntimeSection provider(String name) {
        return set("provider", Exprs.name(name));
    }

    /** {@code threads 2}. */
    public RuntimeSection threads(Object count) {
        return set("threads", count);
    }

    /** {@code fallback none}. */
    public RuntimeSection fallback(String name) {
        return set("fallback", Exprs.name(name));
    }
}
