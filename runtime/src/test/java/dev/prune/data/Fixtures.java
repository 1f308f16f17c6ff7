package dev.prune.data;

import dev.prune.plan.DataPlan;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Small datasets written by the tests themselves, broken on purpose where a test needs it. */
public final class Fixtures {

    private Fixtures() {
    }

    /** An IDX file's bytes: magic {@code 00 00 08 nd}, the dimensions, the body. */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(data);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} images of {@code side x side} whose pixel values encode the example and the position. */
    static byte[] images(int count, int side) {
        byte[] body = new byte[count * side * side];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ((i * 7 + i / (side * side)) % 256);
        }
        return idx(0x0803, new int[] {count, side, side}, body);
    }

    /** Labels {@code i % classes}. */
    static byte[] labels(int count, int classes) {
        byte[] body = new byte[count];
        for (int i = 0; i < count; i++) {
            body[i] = (byte) (i % classes);
        }
        return idx(0x0801, new int[] {count}, body);
    }

    /** Writes a gzipped IDX pair {@code prefix-images-idx3-ubyte.gz}, {@code prefix-labels-idx1-ubyte.gz}. */
    public static void idxPair(Path dir, String prefix, int count, int side, int classes) {
        write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(images(count, side)));
        write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(labels(count, classes)));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG (or JPEG, by extension) of one colour with a gradient, so that flips and crops are visible. */
    static Path image(Path file, int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb + x * 4);
            }
        }
        String name = file.getFileName().toString();
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, name.endsWith(".png") ? "png" : "jpeg", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A spec with no augmentation or preprocessing. */
    static DataSpec spec(DataSpec.Kind kind, Path path, int valCount, int batch, int workers) {
        return new DataSpec(kind, path, OptionalInt.empty(), OptionalInt.empty(), batch, new DataPlan.ValSize(valCount, false),
                List.of(), List.of(), workers, 7);
    }

    static DataSpec withAugment(DataSpec spec, List<Augmentation> augment, List<Preprocessing> preprocess) {
        return new DataSpec(spec.kind(), spec.path(), spec.maxTrain(), spec.maxTest(), spec.batch(), spec.val(), augment, preprocess,
                spec.workers(), spec.seed());
    }

    static DataSpec withWorkers(DataSpec spec, int workers) {
        return new DataSpec(spec.kind(), spec.path(), spec.maxTrain(), spec.maxTest(), spec.batch(), spec.val(), spec.augment(),
                spec.preprocess(), workers, spec.seed());
    }
}
