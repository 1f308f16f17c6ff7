package dev.prune.data;

import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import java.util.List;
import java.util.Map;

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

    /** Reads {@code model.input} and {@code model.classes} of a plan's shared parameters. */
    public static ModelInput from(Map<String, Resolved> shared) {
        List<Value> shape = ((Value.Lst) DataSpec.required(shared, "model.input")).items();
        int classes = (int) ((Value.Num) DataSpec.required(shared, "model.classes")).asLong();
        return new ModelInput(intOf(shape.get(0)), intOf(shape.get(1)), intOf(shape.get(2)), classes);
    }

    private static int intOf(Value value) {
        return (int) ((Value.Num) value).asLong();
    }

    public Size size() {
        return new Size(height, width);
    }

    /** Floats in one image. */
    public int volume() {
        return channels * height * width;
    }
}
