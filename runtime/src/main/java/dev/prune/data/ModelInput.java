package dev.prune.data;

import dev.prune.plan.ModelPlan;

/** What the model expects of the data: its input shape {@code [channels, height, width]} and its class count. */
public record ModelInput(int channels, int height, int width, int classes) {

    public ModelInput {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier has at least 2 classes, not " + classes);
        }
    }

    /** The plan's {@code model.input} and {@code model.classes}. */
    public static ModelInput from(ModelPlan model) {
        return new ModelInput(model.channels(), model.height(), model.width(), model.classes());
    }

    public Size size() {
        return new Size(height, width);
    }

    /** Floats in one image. */
    public int volume() {
        return channels * height * width;
    }
}
