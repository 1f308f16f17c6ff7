package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * prune's decoding and preprocessing against torchvision 0.14 on Pillow 9.4 (Debian's python3-torchvision),
 * on the committed images in {@code golden/images}: JPEG and PNG, odd sizes, grey and colour, EXIF-rotated,
 * CMYK, 16-bit, palette with transparency, RGBA. {@code scripts/preprocess_golden.py} wrote
 * {@code golden/goldens.npz}; {@code .ci/run} recomputes it with the installed torchvision and fails if it
 * changed. Differences are in grey levels (0..255) of the image before normalize.
 */
class PreprocessGoldenTest {

    /** The stated tolerance: the mean absolute difference per image stays under half a grey level. */
    static final double MEAN_LEVELS = 0.5;
    /** The largest difference allowed at any pixel, in grey levels. */
    static final double MAX_LEVELS = 1.0;

    static final List<Preprocessing> BILINEAR = List.of(new Preprocessing.Resize(40), new Preprocessing.CenterCrop(32));
    static final Map<String, List<Preprocessing>> PIPELINES = Map.of(
            "bilinear", BILINEAR,
            "bicubic", List.of(new Preprocessing.Resize(40, Interpolation.BICUBIC), new Preprocessing.CenterCrop(32)),
            "upscale", List.of(new Preprocessing.Resize(80), new Preprocessing.CenterCrop(64)));

    private static Map<String, Npy.Array> goldens;

    static Path golden(String name) {
        try {
            return Path.of(PreprocessGoldenTest.class.getResource("golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Npy.Array> readGoldens() throws IOException {
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(golden("goldens.npz").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(entry.getName().replaceFirst("\\.npy$", ""), Npy.read(in));
                }
            }
        }
        return arrays;
    }

    @BeforeAll
    static void load() throws IOException {
        goldens = readGoldens();
    }

    /** Mean and largest absolute difference in grey levels between prune's image (floats in [0, 1]) and a uint8 golden. */
    record Difference(double mean, double max) {
        static Difference of(Image image, Npy.Array golden) {
            assertArrayEquals(golden.shape(), new int[] {image.channels(), image.height(), image.width()}, "shape");
            double sum = 0;
            double max = 0;
            for (int i = 0; i < golden.size(); i++) {
                double d = Math.abs(image.pixels()[i] * 255.0 - golden.values()[i]);
                sum += d;
                max = Math.max(max, d);
            }
            return new Difference(sum / golden.size(), max);
        }

        void assertWithin(String what) {
            assertTrue(mean < MEAN_LEVELS && max <= MAX_LEVELS, String.format(Locale.ROOT,
                    "%s: mean %.3f, max %.1f grey levels (allowed: mean < %.1f, max <= %.1f)", what, mean, max, MEAN_LEVELS, MAX_LEVELS));
        }
    }

    @Test
    void evaluationPipelinesAgreeWithTorchvision() throws DataException {
        List<String> report = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Npy.Array> entry : goldens.entrySet()) {
            String[] key = entry.getKey().split("/");
            if (key.length != 2 || !PIPELINES.containsKey(key[0])) {
                continue;
            }
            Image image = ImageDecoder.decode(golden("images/" + key[1]), 3);
            for (Preprocessing step : PIPELINES.get(key[0])) {
                image = step.apply(image);
            }
            Difference d = Difference.of(image, entry.getValue());
            report.add(String.format(Locale.ROOT, "%-9s %-24s mean %.4f max %.0f", key[0], key[1], d.mean(), d.max()));
            d.assertWithin(entry.getKey());
            checked++;
        }
        report.forEach(System.out::println);
        assertEquals(22, checked, "every pipeline x image golden was checked");
    }

    @Test
    void decodingAgreesWithPillow() throws DataException {
        for (String name : List.of("cmyk_59x43.jpg", "exif6_50x74.jpg", "rgb16_37x46.png", "palette_trns_45x67.png")) {
            Difference d = Difference.of(ImageDecoder.decode(golden("images/" + name), 3), goldens.get("decoded/" + name));
            System.out.printf(Locale.ROOT, "decoded   %-24s mean %.4f max %.0f%n", name, d.mean(), d.max());
            d.assertWithin("decoded " + name);
        }
    }

    /** Pillow 9.4 opens a 16-bit grey PNG as 32-bit integers and convert("RGB") clips them at 255; prune keeps the high byte. */
    @Test
    void sixteenBitGreyKeepsItsHighByte() throws DataException {
        Image grey = ImageDecoder.decode(golden("images/grey16_44x52.png"), 1);
        int n = 44 * 52;
        double max = 0;
        for (int i = 0; i < n; i++) {
            int stored = (int) (i * (65535.0 / (n - 1)));
            max = Math.max(max, Math.abs(grey.pixels()[i] * 255 - (stored >> 8)));
        }
        assertTrue(max <= 1, "16-bit grey read " + max + " levels away from its high byte");
    }

    @Test
    void aYcckJpegIsRefusedNamingTheFile() throws Exception {
        byte[] cmyk = java.nio.file.Files.readAllBytes(golden("images/cmyk_59x43.jpg"));
        JpegHeader header = JpegHeader.parse(cmyk);
        assertEquals(4, header.components());
        assertTrue(header.adobe());
        // The same file with its Adobe transform flag set to 2 (YCCK).
        int at = indexOf(cmyk, "Adobe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        cmyk[at + 11] = 2;
        Path file = Path.of("photo.jpg");
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> ImageDecoder.decode(file, cmyk, 3));
        assertTrue(e.getMessage().contains("photo.jpg") && e.getMessage().contains("YCCK"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void sizesFromHeadersTakeTheExifOrientationIntoAccount() throws DataException {
        assertEquals(new Size(74, 50), ImageDecoder.size(golden("images/exif6_50x74.jpg")));
        assertEquals(new Size(74, 50), ImageDecoder.decode(golden("images/exif8_50x74.jpg"), 3).size());
        assertEquals(new Size(59, 43), ImageDecoder.size(golden("images/cmyk_59x43.jpg")));
    }

    @Test
    void normalizeAgreesWithToTensorAndNormalize() throws DataException {
        Image image = ImageDecoder.decode(golden("images/rgb_61x97.jpg"), 3);
        for (Preprocessing step : BILINEAR) {
            image = step.apply(image);
        }
        Image normalized = new Preprocessing.Normalize(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225)).apply(image);
        Npy.Array golden = goldens.get("normalize/rgb_61x97.jpg");
        double max = 0;
        for (int i = 0; i < golden.size(); i++) {
            max = Math.max(max, Math.abs(normalized.pixels()[i] - golden.values()[i]));
        }
        assertTrue(max <= 1e-6, "normalize differs from torchvision by " + max);
    }

    @Test
    void randomResizedCropCutsAndResizesTorchvisionsWindowsAlike() throws DataException {
        Image raw = ImageDecoder.decode(golden("images/rgb_61x97.jpg"), 3);
        Npy.Array boxes = goldens.get("rrc_boxes");
        for (int k = 0; k < boxes.shape()[0]; k++) {
            int[] b = new int[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (int) boxes.values()[4 * k + i];
            }
            Interpolation interpolation = k % 2 == 0 ? Interpolation.BILINEAR : Interpolation.BICUBIC;
            Image out = ImageOps.resize(ImageOps.crop(raw, b[0], b[1], b[2], b[3]), 32, 32, interpolation);
            Difference.of(out, goldens.get("rrc" + k + "/rgb_61x97.jpg")).assertWithin("random_resized_crop window " + k);
            if (k == 0) {
                Difference.of(ImageOps.flipHorizontal(out), goldens.get("rrc0_flip/rgb_61x97.jpg")).assertWithin("hflip");
            }
        }
    }

    @Test
    void randomResizedCropFallsBackToTorchvisionsCentralWindow() {
        Npy.Array rows = goldens.get("rrc_fallback");
        for (int r = 0; r < rows.shape()[0]; r++) {
            double[] v = java.util.Arrays.copyOfRange(rows.values(), 6 * r, 6 * r + 6);
            Augmentation.Window w = Augmentation.RandomResizedCrop.central(new Size((int) v[0], (int) v[1]));
            assertEquals(new Augmentation.Window((int) v[2], (int) v[3], (int) v[4], (int) v[5]), w, "image " + (int) v[0] + "x" + (int) v[1]);
        }
    }
}
