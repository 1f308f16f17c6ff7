package dev.prune.zoo;

import dev.prune.ir.Graph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The model zoo's one way in: a model by name and named arguments, as a spec writes it
 * ({@code convnext(depths: [3, 3, 9, 3], dims: [96, 192, 384, 768])}). Names are the families (resnet,
 * mobilenet_v2, convnext, deit) and their well-known aliases, which are a family plus default arguments that
 * the caller's arguments override.
 */
public final class Zoo {

    private record Alias(String family, Map<String, Object> args) {
    }

    private static final Map<String, ModelFamily> FAMILIES = new LinkedHashMap<>();
    private static final Map<String, Alias> ALIASES = new LinkedHashMap<>();

    static {
        for (ModelFamily f : List.of(new ResNet(), new MobileNetV2(), new ConvNeXt(), new DeiT(), new OnnxFile())) {
            FAMILIES.put(f.name(), f);
        }
        ALIASES.put("resnet18", new Alias("resnet", Map.of("depths", list(ResNet.RESNET18))));
        ALIASES.put("resnet34", new Alias("resnet", Map.of("depths", list(ResNet.RESNET34))));
        ALIASES.put("convnext_tiny", new Alias("convnext",
                Map.of("depths", list(ConvNeXt.TINY_DEPTHS), "dims", list(ConvNeXt.TINY_DIMS))));
        ALIASES.put("deit_tiny", new Alias("deit", Map.of("depth", 12, "dim", 192, "heads", 3)));
    }

    private Zoo() {
    }

    /** Every buildable name: families first, then aliases. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(FAMILIES.keySet());
        names.addAll(ALIASES.keySet());
        return names;
    }

    /** The argument names a model (family or alias) accepts. */
    public static Set<String> arguments(String name) {
        return family(name).arguments();
    }

    /** A model with default arguments, seed 0, weights allocated. */
    public static Graph build(String name, ImageShape input, int classes) {
        return build(name, Map.of(), input, classes, BuildOptions.DEFAULT);
    }

    public static Graph build(String name, Map<String, ?> args, ImageShape input, int classes) {
        return build(name, args, input, classes, BuildOptions.DEFAULT);
    }

    /**
     * @param args named arguments; numbers may be any {@link Number}, lists are {@link List}s of numbers
     * @throws IllegalArgumentException for an unknown model or argument (naming the nearest known one), or
     *     arguments that do not make a valid model for this input
     */
    public static Graph build(String name, Map<String, ?> args, ImageShape input, int classes, BuildOptions options) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, is " + classes);
        }
        ModelFamily family = family(name);
        Map<String, Object> merged = new HashMap<>();
        Alias alias = ALIASES.get(name);
        if (alias != null) {
            merged.putAll(alias.args());
        }
        merged.putAll(args);
        ModelArgs modelArgs = new ModelArgs(name, merged, family.arguments());
        return family.build(name, modelArgs, input, classes, options.weightInit());
    }

    private static ModelFamily family(String name) {
        Alias alias = ALIASES.get(name);
        ModelFamily family = FAMILIES.get(alias != null ? alias.family() : name);
        if (family == null) {
            throw new IllegalArgumentException("no model named '" + name + "'"
                    + ModelArgs.nearest(name, Set.copyOf(names())) + " (known: " + String.join(", ", names()) + ")");
        }
        return family;
    }

    private static List<Integer> list(int[] values) {
        return IntStream.of(values).boxed().toList();
    }
}
