package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.BenchSize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Decode throughput on the shipped Fashion-MNIST pair with the quickstart's augmentations, 1 vs 2 workers,
 * the consumer only draining batches. Prints numbers and asserts no time (these machines are shared and noisy),
 * only that every worker count delivers the same images. Every build runs it at smoke size (one epoch per worker
 * count); measure with {@code mvn -q -B test -pl runtime -am -Dtest='dev.prune.data.LoaderBenchmark'
 * -Dsurefire.failIfNoSpecifiedTests=false -Dprune.bench.size=full}.
 */
@Tag("benchmark")
class LoaderBenchmark {

    @Test
    void imagesPerSecond() throws DataException {
        int[] rounds = BenchSize.pick(new int[] {1, 2}, new int[] {1, 2, 1, 2, 1, 2});
        int epochs = BenchSize.pick(1, 20);
        long first = -1;
        for (int workers : rounds) {
            DataSpec spec = Fixtures.withAugment(Fixtures.spec(DataSpec.Kind.FASHION_MNIST, Path.of("../examples/data/fashion-mnist"), 1000,
                    128, workers), List.of(new Augmentation.RandomCrop(28, 2), new Augmentation.HFlip(0.5)), List.of());
            Dataset data = Dataset.open(spec, new ModelInput(1, 28, 28, 10));
            long images = 0;
            long start = System.nanoTime();
            for (int epoch = 0; epoch < epochs; epoch++) {
                try (BatchLoader loader = data.trainBatches(epoch)) {
                    while (loader.hasNext()) {
                        images += loader.next().size();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("workers %d: %d images in %.2f s = %.0f images/s%n", workers, images, seconds, images / seconds);
            first = first < 0 ? images : first;
            assertEquals(first, images, "every worker count delivers every image");
        }
    }
}
