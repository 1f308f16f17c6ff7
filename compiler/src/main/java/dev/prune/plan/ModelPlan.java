package dev.prune.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model} section, bound: the architecture, the input shape, the class count and where the
 * weights come from.
 */
public record ModelPlan(Architecture architecture, List<Integer> input, int classes, WeightsSource weights) {

    public ModelPlan {
        input = List.copyOf(input);
    }

    public int channels() {
        return input.get(0);
    }

    public int height() {
        return input.get(1);
    }

    public int width() {
        return input.get(2);
    }

    /**
     * A zoo model by name with its arguments as the zoo takes them (Integer, Double, lists of Integer);
     * an argument given as {@code none} means the zoo's own default and is left out.
     */
    public record Architecture(String name, Map<String, Object> args) {
        public Architecture {
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }
    }

    /** {@code weights none | onnx("m.onnx") | checkpoint("dir")}. */
    public sealed interface WeightsSource {
        /** Random initialisation from the recipe's seed. */
        record Random() implements WeightsSource {
        }

        record OnnxFile(String path) implements WeightsSource {
        }

        record CheckpointDir(String path) implements WeightsSource {
        }
    }
}
