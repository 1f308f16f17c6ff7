package dev.prune.zoo;

/**
 * How to materialise a model: the seed of its initial weights, and whether to allocate them at all
 * ({@code lazy}: shapes only, enough for shape inference, costs and block discovery).
 */
public record BuildOptions(long seed, boolean lazy) {

    public static final BuildOptions DEFAULT = new BuildOptions(0, false);

    public static BuildOptions seeded(long seed) {
        return new BuildOptions(seed, false);
    }

    public static BuildOptions shapesOnly() {
        return new BuildOptions(0, true);
    }

    WeightInit weightInit() {
        return new WeightInit(seed, lazy);
    }
}
