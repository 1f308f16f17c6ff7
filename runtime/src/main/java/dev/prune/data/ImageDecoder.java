package dev.prune.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG and PNG files to pixels as torchvision's {@code ImageFolder} loader gets them from Pillow
 * ({@code Image.open(f).convert("RGB")}), with javax.imageio doing the decompression. javax.imageio's
 * own conversions are bypassed: samples are taken from the raster as decoded, so an embedded ICC profile
 * or a grey image's linear colour space does not shift values (Pillow ignores both), and the cases it
 * does not handle are handled here:
 * <ul>
 * <li>CMYK JPEGs (which {@code ImageIO.read} refuses): the raw CMYK raster, inverted when an Adobe marker
 * says so, converted with Pillow's formula {@code R = (255 - K) - C (255 - K) / 255}; YCCK JPEGs are
 * refused with the file's name;</li>
 * <li>EXIF orientation (JPEG): applied, as {@code PIL.ImageOps.exif_transpose} does — this is where prune
 * differs from torchvision's loader on purpose (see docs/preprocessing.md);</li>
 * <li>16-bit PNGs: the high byte of each sample;</li>
 * <li>palette and grey PNGs with transparency: the colours, alpha dropped, as {@code convert("RGB")}.</li>
 * </ul>
 */
final class ImageDecoder {

    /** Enough of a file's start to hold a JPEG's EXIF block and frame header in any file seen in practice. */
    private static final int HEAD_BYTES = 1 << 16;

    private ImageDecoder() {
    }

    /** The size of the image a file decodes to (after EXIF orientation), from its header. */
    static Size size(Path file) throws DataException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new DataException(file, "cannot read the file: " + e.getMessage(), e);
        }
        JpegHeader jpeg = JpegHeader.parse(head);
        ImageReader reader = reader(file, head);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            try {
                reader.setInput(in, true, true);
                Size size = new Size(reader.getHeight(0), reader.getWidth(0));
                return jpeg.orientation().swapsSides() ? new Size(size.width(), size.height()) : size;
            } finally {
                reader.reset();
            }
        } catch (IOException | RuntimeException e) {
            throw new DataException(file, "unreadable image: " + e.getMessage(), e);
        }
    }

    /** The file's pixels as floats in [0, 1] with the given channel count (1: Pillow's luma, 3: RGB). */
    static Image decode(Path file, int channels) throws DataException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file, "cannot read the file: " + e.getMessage(), e);
        }
        return decode(file, bytes, channels);
    }

    static Image decode(Path file, byte[] bytes, int channels) throws DataException {
        JpegHeader jpeg = JpegHeader.parse(bytes);
        if (jpeg.ycck()) {
            // javax.imageio hands back the raw YCCK samples; their conversion is not implemented, so refuse
            // rather than give wrong colours.
            throw new DataException(file, "a YCCK (Adobe) JPEG, which prune does not decode: save it as RGB");
        }
        int[][] rgb;
        int width;
        int height;
        ImageReader reader = reader(file, bytes);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            try {
                reader.setInput(in, true, true);
                if (jpeg.components() == 4) {
                    Raster raster = reader.readRaster(0, null);
                    rgb = cmykToRgb(raster, jpeg.adobe());
                } else {
                    BufferedImage image = reader.read(0);
                    rgb = samples(image);
                }
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } finally {
                reader.reset();
            }
        } catch (IOException | RuntimeException e) {
            // A damaged file shows as IOException or, depending on the plugin, an unchecked exception.
            throw new DataException(file, "cannot decode the image: " + e.getMessage(), e);
        }
        Image image = toImage(rgb, height, width, channels);
        return jpeg.orientation().apply(image);
    }

    /**
     * A JPEG or PNG reader kept per thread: looking one up (ImageIO asks every installed plugin) and making
     * it cost about as much as decoding a small image.
     */
    private static final ThreadLocal<ImageReader> JPEG = ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());
    private static final ThreadLocal<ImageReader> PNG = ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("png").next());

    /** The reader for the format the file's first bytes announce; a file that is neither JPEG nor PNG is refused. */
    private static ImageReader reader(Path file, byte[] bytes) throws DataException {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8) {
            return JPEG.get();
        }
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return PNG.get();
        }
        throw new DataException(file, "unreadable image: not a JPEG or PNG file (by its first bytes)");
    }

    /**
     * The red, green and blue samples (0..255) of a decoded image, or one plane for grey ones, read from
     * the raster so that no colour-space conversion touches them.
     */
    private static int[][] samples(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            int[][] out = new int[3][w * h];
            for (int i = 0; i < index.length; i++) {
                int argb = palette.getRGB(index[i]);
                out[0][i] = (argb >> 16) & 0xff;
                out[1][i] = (argb >> 8) & 0xff;
                out[2][i] = argb & 0xff;
            }
            return out;
        }
        int colours = model.getNumColorComponents();
        if (colours != 1 && colours != 3) {
            throw new IllegalArgumentException("a " + colours + "-component colour model (" + model.getColorSpace().getType()
                    + ") is neither grey nor RGB");
        }
        int[][] out = new int[colours][];
        int shift = Math.max(0, model.getComponentSize(0) - 8); // 16-bit PNG: the high byte, as Pillow's RGB;16B
        if (shift == 0 && raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel interleaved
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            // The usual case (JPEG, 8-bit PNG): straight from the bytes, several times faster than getSamples.
            byte[] data = buffer.getData();
            int stride = interleaved.getPixelStride();
            int scan = interleaved.getScanlineStride();
            int[] offsets = interleaved.getBandOffsets();
            for (int c = 0; c < colours; c++) {
                int[] plane = new int[w * h];
                for (int y = 0; y < h; y++) {
                    int src = y * scan + offsets[c];
                    int dst = y * w;
                    for (int x = 0; x < w; x++) {
                        plane[dst + x] = data[src + x * stride] & 0xff;
                    }
                }
                out[c] = plane;
            }
            return out;
        }
        int bits = model.getComponentSize(0);
        int max = (1 << bits) - 1;
        for (int c = 0; c < colours; c++) {
            out[c] = raster.getSamples(0, 0, w, h, c, (int[]) null);
            for (int i = 0; i < out[c].length; i++) {
                // 16 bits: the high byte; 1, 2 or 4 bits: stretched to 0..255, as Pillow unpacks "L;2" and "L;4".
                out[c][i] = shift > 0 ? out[c][i] >> shift : bits < 8 ? out[c][i] * 255 / max : out[c][i];
            }
        }
        return out;
    }

    /**
     * Pillow's CMYK to RGB: {@code nk - nk * C / 255} with its rounding ({@code MULDIV255}). Adobe files
     * store the inks inverted (Pillow's "CMYK;I").
     */
    private static int[][] cmykToRgb(Raster raster, boolean inverted) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        if (raster.getNumBands() != 4 || raster.getTransferType() != DataBuffer.TYPE_BYTE) {
            throw new IllegalArgumentException("a four-component JPEG whose raster has " + raster.getNumBands() + " bands");
        }
        int[][] ink = new int[4][];
        for (int b = 0; b < 4; b++) {
            ink[b] = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, b, (int[]) null);
        }
        int[][] out = new int[3][w * h];
        for (int i = 0; i < w * h; i++) {
            int k = inverted ? 255 - ink[3][i] : ink[3][i];
            int nk = 255 - k;
            for (int c = 0; c < 3; c++) {
                int v = inverted ? 255 - ink[c][i] : ink[c][i];
                int t = v * nk + 128;
                out[c][i] = Math.max(0, Math.min(255, nk - (((t >> 8) + t) >> 8)));
            }
        }
        return out;
    }

    /** Levels to floats; RGB to one channel by Pillow's {@code convert("L")}, grey to three by repetition. */
    private static Image toImage(int[][] planes, int height, int width, int channels) {
        int plane = height * width;
        float[] out = new float[channels * plane];
        if (channels == 1 && planes.length == 3) {
            for (int i = 0; i < plane; i++) {
                int luma = (planes[0][i] * 19595 + planes[1][i] * 38470 + planes[2][i] * 7471 + 0x8000) >> 16;
                out[i] = luma / 255f;
            }
        } else {
            for (int c = 0; c < channels; c++) {
                int[] source = planes[planes.length == 1 ? 0 : c];
                for (int i = 0; i < plane; i++) {
                    out[c * plane + i] = source[i] / 255f;
                }
            }
        }
        return new Image(channels, height, width, out);
    }
}
