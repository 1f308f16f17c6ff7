package dev.prune.data;

import dev.prune.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * What the model sees, written for a person and for a script ({@code prune data}): the first examples of a
 * split after preprocessing (and, for train, the augmentation of epoch 0, drawn from the recipe's seed as
 * training draws it) as {@code images.npy} (float32, N x C x H x W, normalized as the model gets them),
 * {@code labels.npy} (int64), {@code classes.txt} (one name per label) and {@code contact.png}, a sheet
 * of the images before normalize with their class names.
 */
public final class DataPreview {

    public static final List<String> SPLITS = List.of("train", "val", "test");
    private static final int CELL = 96;
    private static final int CAPTION = 16;
    private static final int COLUMNS = 8;

    private DataPreview() {
    }

    /** What was written. */
    public record Written(Path folder, String split, int count, int available, int[] shape) {
    }

    /**
     * Transforms and writes the first {@code count} examples of {@code split}; every file is complete or absent.
     *
     * @throws DataException if an image cannot be decoded (nothing is written then)
     */
    public static Written write(Dataset data, String split, int count, Path out) throws DataException, IOException {
        Split chosen = switch (split) {
            case "train" -> data.train();
            case "val" -> data.val();
            case "test" -> data.test();
            default -> throw new IllegalArgumentException("no split " + split + "; there are " + SPLITS);
        };
        int n = Math.min(count, chosen.size());
        Pipeline pipeline = data.pipeline();
        Image[] shown = new Image[n];
        float[] images = null;
        int[] labels = new int[n];
        int[] shape = null;
        for (int i = 0; i < n; i++) {
            Image raw = chosen.read(i);
            shown[i] = split.equals("train")
                    ? pipeline.trainPixels(raw, Seeds.random(data.spec().seed(), Seeds.Purpose.AUGMENT, 0, chosen.sourceIndex(i)))
                    : pipeline.evalPixels(raw);
            float[] pixels = pipeline.normalize(shown[i]).pixels();
            if (images == null) {
                shape = new int[] {n, shown[i].channels(), shown[i].height(), shown[i].width()};
                images = new float[n * pixels.length];
            }
            System.arraycopy(pixels, 0, images, i * pixels.length, pixels.length);
            labels[i] = chosen.label(i);
        }
        if (n == 0) {
            shape = new int[] {0, 0, 0, 0};
            images = new float[0];
        }
        byte[] sheet = contactSheet(shown, labels, data.classes());
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("images.npy"), Npy.float32(images, shape));
        AtomicFiles.write(out.resolve("labels.npy"), Npy.int64(labels));
        AtomicFiles.write(out.resolve("classes.txt"), String.join("\n", data.classes()) + "\n");
        AtomicFiles.write(out.resolve("contact.png"), sheet);
        return new Written(out, split, n, chosen.size(), shape);
    }

    /** A grid of the images, each scaled up (nearest) to fit a cell, its class name and index beneath. */
    static byte[] contactSheet(Image[] images, int[] labels, List<String> classes) throws IOException {
        int columns = Math.max(1, Math.min(COLUMNS, images.length));
        int rows = Math.max(1, (images.length + columns - 1) / columns);
        BufferedImage sheet = new BufferedImage(columns * CELL, rows * (CELL + CAPTION), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < images.length; i++) {
                int x0 = (i % columns) * CELL;
                int y0 = (i / columns) * (CELL + CAPTION);
                draw(sheet, images[i], x0, y0);
                String caption = String.format(Locale.ROOT, "%d: %s", i, classes.get(labels[i]));
                while (metrics.stringWidth(caption) > CELL - 4 && caption.length() > 4) {
                    caption = caption.substring(0, caption.length() - 2) + "…";
                }
                g.setColor(Color.BLACK);
                g.drawString(caption, x0 + 2, y0 + CELL + CAPTION - 4);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", png);
        return png.toByteArray();
    }

    private static void draw(BufferedImage sheet, Image image, int x0, int y0) {
        double scale = Math.min((double) (CELL - 4) / image.width(), (double) (CELL - 4) / image.height());
        int w = Math.max(1, (int) (image.width() * scale));
        int h = Math.max(1, (int) (image.height() * scale));
        int left = x0 + (CELL - w) / 2;
        int top = y0 + (CELL - h) / 2;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(image.height() - 1, (int) (y / scale));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(image.width() - 1, (int) (x / scale));
                int r = level(image, 0, sy, sx);
                int gr = image.channels() == 3 ? level(image, 1, sy, sx) : r;
                int b = image.channels() == 3 ? level(image, 2, sy, sx) : r;
                sheet.setRGB(left + x, top + y, r << 16 | gr << 8 | b);
            }
        }
    }

    private static int level(Image image, int c, int y, int x) {
        return Math.max(0, Math.min(255, Math.round(image.get(c, y, x) * 255f)));
    }
}
