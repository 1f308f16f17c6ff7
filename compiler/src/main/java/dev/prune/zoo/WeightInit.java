package dev.prune.zoo;

import dev.prune.ir.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic initial values. Each parameter draws from its own generator, seeded by the model seed and
 * the parameter's name, so a tensor depends only on (seed, name, shape): adding a block does not change
 * the weights of the others, and the same seed always gives the same model.
 *
 * <p>In lazy mode every tensor is a placeholder (shape only), for inspecting costs of large models.
 */
public final class WeightInit {

    private final long seed;
    private final boolean lazy;

    public WeightInit(long seed, boolean lazy) {
        this.seed = seed;
        this.lazy = lazy;
    }

    public boolean isLazy() {
        return lazy;
    }

    /**
     * He (Kaiming) normal for a ReLU-family network: std = √(2 / fanIn). Fan-in rather than torchvision's
     * fan-out, so that depthwise convolutions (fan-in 9 or 49) keep their activations' scale.
     */
    public Tensor kaiming(String name, int fanIn, int... shape) {
        return normal(name, Math.sqrt(2.0 / fanIn), shape);
    }

    /** Normal with the given std, truncated at ±2 std (timm's trunc_normal_ for ViT weights). */
    public Tensor truncatedNormal(String name, double std, int... shape) {
        if (lazy) {
            return Tensor.placeholder(shape);
        }
        SplittableRandom random = generator(name);
        return Tensor.generate(i -> {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            return z * std;
        }, shape);
    }

    public Tensor normal(String name, double std, int... shape) {
        if (lazy) {
            return Tensor.placeholder(shape);
        }
        SplittableRandom random = generator(name);
        return Tensor.generate(i -> random.nextGaussian() * std, shape);
    }

    public Tensor constant(float value, int... shape) {
        return lazy ? Tensor.placeholder(shape) : Tensor.full(value, shape);
    }

    private SplittableRandom generator(String name) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ fnv1a(name));
    }

    /** 64-bit FNV-1a: a name hash that, unlike String.hashCode, rarely collides for similar names. */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
