package dev.prune.api;

import java.util.List;

/** The body of {@code model <architecture> { ... }}. */
public final class ModelSection extends SectionBuilder<ModelSection> {

    ModelSection(Settings settings) {
        super(settings);
    }

    @Override
    ModelSection with(Settings settings) {
        return new ModelSection(settings);
    }

    /** {@code input [channels, height, width]}. */
    public ModelSection input(int channels, int height, int width) {
        return set("input", List.of(channels, height, width));
    }

    /** {@code classes 10}. */
    public ModelSection classes(Object count) {
        return set("classes", count);
    }

    /** {@code weights none}, {@code weights onnx("base.onnx")}, {@code weights checkpoint("runs/x/baseline")}. */
    public ModelSection weights(CallBuilder source) {
        return set("weights", source);
    }
}
