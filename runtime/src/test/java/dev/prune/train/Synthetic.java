package dev.prune.train;

import dev.prune.data.Batch;
import dev.prune.ir.Graph;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small models and random batches whose labels depend on the images, so that a few steps lower the loss. */
public final class Synthetic {

    private Synthetic() {
    }

    static Graph convnext() {
        return Zoo.build("convnext", Map.of("depths", List.of(1, 1, 2, 1), "dims", List.of(8, 16, 32, 64)), ImageShape.of(1, 28, 28), 10,
                BuildOptions.seeded(3));
    }

    static Graph resnet() {
        return Zoo.build("resnet", Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(8, 16, 16, 32)), ImageShape.of(1, 28, 28), 10,
                BuildOptions.seeded(3));
    }

    /** {@code count} batches of {@code size} 1×28×28 images; the label is the quadrant with the brightest square. */
    public static List<Batch> batches(int count, int size, long seed) {
        Random random = new Random(seed);
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] images = new float[size * 28 * 28];
            int[] labels = new int[size];
            for (int i = 0; i < size; i++) {
                labels[i] = random.nextInt(4);
                for (int p = 0; p < 28 * 28; p++) {
                    images[i * 784 + p] = (float) random.nextGaussian() * 0.3f;
                }
                int top = labels[i] / 2 * 14 + 3;
                int left = labels[i] % 2 * 14 + 3;
                for (int y = top; y < top + 8; y++) {
                    for (int x = left; x < left + 8; x++) {
                        images[i * 784 + y * 28 + x] += 1.5f;
                    }
                }
            }
            batches.add(new Batch(images, labels, new int[] {size, 1, 28, 28}));
        }
        return batches;
    }
}
