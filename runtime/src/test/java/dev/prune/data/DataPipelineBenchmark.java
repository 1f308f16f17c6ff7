package dev.prune.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images per second through the whole training pipeline (decode, random_resized_crop(224), hflip,
 * normalize, batch of 32) on an image folder of generated 400x300 JPEGs, with 1, 2 and 4 workers, next to
 * Debian's torchvision {@code DataLoader} with the same transforms and {@code num_workers} (one intra-op
 * thread per process), in one run and interleaved. Prints the ratio prune / torchvision per worker count;
 * asserts nothing about speed (the machines are shared and noisy).
 *
 * <p>Run: {@code mvn -q -B test -pl runtime -am -Dtest='dev.prune.data.DataPipelineBenchmark' -Dprune.excludedGroups=none}
 * (optionally {@code -Dprune.bench.images=N -Dprune.bench.rounds=R}).
 */
@Tag("benchmark")
class DataPipelineBenchmark {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int BATCH = 32;
    private static final String TORCHVISION = """
            import sys, time, torch
            from torchvision import datasets, transforms as T
            torch.set_num_threads(1)
            root, workers, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(),
                            T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
            data = datasets.ImageFolder(root + "/train", transform=tf)
            loader = torch.utils.data.DataLoader(data, batch_size=%d, shuffle=True, num_workers=workers, drop_last=False)
            for x, y in loader:  # warm-up epoch: workers start, files enter the page cache
                pass
            n, start = 0, time.perf_counter()
            for _ in range(epochs):
                for x, y in loader:
                    n += x.shape[0]
            print(n / (time.perf_counter() - start))
            """.formatted(BATCH);

    @TempDir
    Path dir;

    @Test
    void imagesPerSecondAgainstTorchvision() throws Exception {
        int count = Integer.getInteger("prune.bench.images", 320);
        int rounds = Integer.getInteger("prune.bench.rounds", 2);
        writeFolder(dir.resolve("folder"), count);
        boolean python = Files.isExecutable(PYTHON);
        System.out.printf(Locale.ROOT, "%d JPEGs of 400x300, random_resized_crop(224), hflip, normalize, batch %d%n", count, BATCH);
        System.out.println("workers  prune img/s  torchvision img/s  ratio");
        for (int workers : new int[] {1, 2, 4}) {
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ours.add(prune(dir.resolve("folder"), workers));
                if (python) {
                    theirs.add(torchvision(dir.resolve("folder"), workers));
                }
            }
            double a = median(ours);
            if (python) {
                double b = median(theirs);
                System.out.printf(Locale.ROOT, "%7d  %11.0f  %17.0f  %.2fx%n", workers, a, b, a / b);
            } else {
                System.out.printf(Locale.ROOT, "%7d  %11.0f  (no /usr/bin/python3)%n", workers, a);
            }
        }
    }

    /** One warm-up epoch, then images per second over two epochs. */
    private static double prune(Path folder, int workers) throws DataException {
        DataSpec spec = Fixtures.withAugment(Fixtures.spec(DataSpec.Kind.IMAGE_FOLDER, folder, 1, BATCH, workers),
                List.of(new Augmentation.RandomResizedCrop(224, 0.08), new Augmentation.HFlip(0.5)),
                List.of(new Preprocessing.Resize(256), new Preprocessing.CenterCrop(224),
                        new Preprocessing.Normalize(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225))));
        Dataset data = Dataset.open(spec, new ModelInput(3, 224, 224, 4));
        drain(data, 0);
        long images = 0;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= 2; epoch++) {
            images += drain(data, epoch);
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    private static long drain(Dataset data, int epoch) throws DataException {
        long images = 0;
        try (BatchLoader loader = data.trainBatches(epoch)) {
            while (loader.hasNext()) {
                images += loader.next().size();
            }
        }
        return images;
    }

    private static double torchvision(Path folder, int workers) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", TORCHVISION, folder.toString(), Integer.toString(workers), "2")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("torchvision's DataLoader failed: " + out);
        }
        String[] lines = out.split("\n");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    /** count JPEGs (quality 0.75, javax.imageio's default) in 4 classes under train/, one per class under val/. */
    private static void writeFolder(Path root, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < count + 4; i++) {
            String split = i < count ? "train" : "val";
            Path file = root.resolve(split).resolve("c" + (i % 4)).resolve(String.format(Locale.ROOT, "%04d.jpg", i));
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
            double fx = 0.02 + random.nextDouble() * 0.1;
            double fy = 0.02 + random.nextDouble() * 0.1;
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    int r = (int) (127 + 120 * Math.sin(x * fx + i));
                    int g = (int) (127 + 120 * Math.cos(y * fy + x * 0.01));
                    int b = ((x / 25 + y / 25) % 2) * 200 + random.nextInt(40);
                    image.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            ImageIO.write(image, "jpeg", file.toFile());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
