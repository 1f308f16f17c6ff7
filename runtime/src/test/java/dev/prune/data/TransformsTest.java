package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The image operations and the steps built on them, on tiny images whose every pixel is known. */
class TransformsTest {

    /** A 1-channel image whose pixel (r, c) is {@code 10 r + c + 1}: no pixel is zero, so padding shows. */
    private static Image ramp(int height, int width) {
        Image image = Image.blank(1, height, width);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                image.set(0, r, c, 10 * r + c + 1);
            }
        }
        return image;
    }

    @Test
    void cropOutsideTheImageIsZero() {
        Image out = ImageOps.crop(ramp(2, 2), -1, -1, 3, 3);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 11, 12}, out.pixels());
    }

    @Test
    void flipMirrorsEachRow() {
        assertArrayEquals(new float[] {3, 2, 1, 13, 12, 11}, ImageOps.flipHorizontal(ramp(2, 3)).pixels());
    }

    @Test
    void resizeKeepsAnImageOfTheSameSizeAndRoundsLikePillow() {
        Image in = levels(1, 2, 2, 0, 255, 17, 3);
        assertArrayEquals(in.pixels(), ImageOps.resize(in, 2, 2, Interpolation.BILINEAR).pixels());
        // Doubling a row [0, 255]: centres at 0.25, 0.75, 1.25, 1.75 of the source; the edge pixels see only one
        // neighbour; 0.25 * 255 = 63.75 is rounded to 64 in Pillow's fixed point.
        Image up = ImageOps.resize(levels(1, 1, 2, 0, 255), 1, 4, Interpolation.BILINEAR);
        assertArrayEquals(new float[] {0, 64 / 255f, 191 / 255f, 1}, up.pixels());
        // Halving [0, 255, 255, 0]: the filter, widened to two pixels, reaches past the pair each output covers.
        Image down = ImageOps.resize(levels(1, 1, 4, 0, 255, 255, 0), 1, 2, Interpolation.BILINEAR);
        assertArrayEquals(new float[] {146 / 255f, 146 / 255f}, down.pixels()); // Pillow 9.4 gives 146 too
        assertEquals(new Size(3, 2), ImageOps.resize(Image.blank(1, 5, 7), 3, 2, Interpolation.BICUBIC).size());
    }

    /** An image from 8-bit levels, row-major per channel. */
    private static Image levels(int channels, int height, int width, int... values) {
        float[] pixels = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = values[i] / 255f;
        }
        return new Image(channels, height, width, pixels);
    }

    @Test
    void resizeScalesTheShorterSide() {
        assertEquals(new Size(8, 16), new Preprocessing.Resize(8).outputSize(new Size(10, 20)));
        assertEquals(new Size(12, 8), new Preprocessing.Resize(8).outputSize(new Size(30, 20)));
        // torchvision rounds the longer side down: 40 * 97 / 61 = 63.6 gives 63, not 64.
        assertEquals(new Size(40, 63), new Preprocessing.Resize(40).outputSize(new Size(61, 97)));
    }

    @Test
    void centerCropAndNormalize() {
        assertArrayEquals(new float[] {12, 13, 22, 23}, new Preprocessing.CenterCrop(2).apply(ramp(4, 4)).pixels());
        // A margin of 3 puts the window at round(1.5) = 2 (Python rounds half to even), a margin of 1 at round(0.5) = 0.
        assertEquals(23f, new Preprocessing.CenterCrop(1).apply(ramp(4, 4)).get(0, 0, 0));
        assertEquals(1f, new Preprocessing.CenterCrop(1).apply(ramp(2, 2)).get(0, 0, 0));
        Image rgb = new Image(3, 1, 1, new float[] {0.5f, 0.5f, 0.5f});
        Image normalized = new Preprocessing.Normalize(List.of(0.5, 0.0, 0.25), List.of(1.0, 0.5, 0.25)).apply(rgb);
        assertArrayEquals(new float[] {0, 1, 1}, normalized.pixels(), 1e-6f);
    }

    @Test
    void randomCropWithPaddingStaysWithinThePaddedImage() {
        Augmentation crop = new Augmentation.RandomCrop(4, 2);
        boolean sawPadding = false;
        boolean sawShift = false;
        for (int seed = 0; seed < 50; seed++) {
            Image out = crop.apply(ramp(4, 4), new SplittableRandom(seed));
            assertEquals(new Size(4, 4), out.size());
            for (float v : out.pixels()) {
                sawPadding |= v == 0;
                assertTrue(v == 0 || (v >= 1 && v <= 34), "pixel " + v + " came from nowhere");
            }
            sawShift |= out.get(0, 0, 0) != 1;
        }
        assertTrue(sawPadding && sawShift);
    }

    @Test
    void randomResizedCropGivesTheSizeAskedAndVaries() {
        Augmentation crop = new Augmentation.RandomResizedCrop(6, 0.3);
        Image ramp = new Preprocessing.Normalize(List.of(0.0), List.of(255.0)).apply(ramp(10, 10));
        Image a = crop.apply(ramp, new SplittableRandom(1));
        Image b = crop.apply(ramp, new SplittableRandom(2));
        assertEquals(new Size(6, 6), a.size());
        assertNotEquals(java.util.Arrays.toString(a.pixels()), java.util.Arrays.toString(b.pixels()));
        assertArrayEquals(a.pixels(), crop.apply(ramp, new SplittableRandom(1)).pixels());
    }

    @Test
    void hflipProbabilityIsHonoured() {
        int flipped = 0;
        for (int seed = 0; seed < 1000; seed++) {
            Image out = new Augmentation.HFlip(0.25).apply(ramp(1, 2), new SplittableRandom(seed));
            flipped += out.get(0, 0, 0) == 2 ? 1 : 0;
        }
        assertTrue(flipped > 180 && flipped < 320, "flipped " + flipped + " of 1000 at p = 0.25");
        assertEquals(1f, new Augmentation.HFlip(0).apply(ramp(1, 2), new SplittableRandom(3)).get(0, 0, 0));
    }

    @Test
    void pipelineRunsGeometryThenAugmentationThenNormalize() throws DataException {
        DataSpec spec = Fixtures.withAugment(Fixtures.spec(DataSpec.Kind.MNIST, java.nio.file.Path.of("x"), 0, 1, 1),
                List.of(new Augmentation.RandomCrop(2, 1)),
                List.of(new Preprocessing.Normalize(List.of(1.0), List.of(2.0)), new Preprocessing.CenterCrop(2)));
        Pipeline pipeline = Pipeline.of(spec, new ModelInput(1, 2, 2, 10));
        assertArrayEquals(new float[] {5.5f, 6, 10.5f, 11}, pipeline.eval(ramp(4, 4)).pixels());
        // Zero padding, normalized afterwards, is (0 - 1) / 2: black in pixel space.
        boolean paddedBlack = false;
        for (int seed = 0; seed < 40; seed++) {
            for (float v : pipeline.train(ramp(4, 4), new SplittableRandom(seed)).pixels()) {
                paddedBlack |= v == -0.5f;
            }
        }
        assertTrue(paddedBlack);
        assertEquals("an image of 4x4 becomes 2x2 after preprocessing, but the model's input is 3x3",
                Pipeline.of(spec, new ModelInput(1, 3, 3, 10)).problem(new Size(4, 4)).orElseThrow());
    }
}
