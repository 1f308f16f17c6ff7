package dev.prune.data;

/**
 * What javax.imageio does not say about a JPEG and the decoder needs: the frame's component count (4 means
 * CMYK or YCCK), whether an Adobe APP14 marker is present (its CMYK is stored inverted), and the EXIF
 * orientation. Read from the markers before the first scan; a PNG (or anything not a JPEG) gives
 * three components, no Adobe marker and the upright orientation.
 */
record JpegHeader(int components, boolean adobe, int adobeTransform, Orientation orientation) {

    private static final JpegHeader NONE = new JpegHeader(3, false, -1, Orientation.UPRIGHT);

    /** Adobe's colour transform 2: four components stored as YCbCr plus K (Photoshop's YCCK). */
    boolean ycck() {
        return components == 4 && adobeTransform == 2;
    }

    static JpegHeader parse(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8) {
            return NONE;
        }
        int components = 3;
        boolean adobe = false;
        int transform = -1;
        Orientation orientation = Orientation.UPRIGHT;
        int at = 2;
        while (at + 4 <= bytes.length) {
            if ((bytes[at] & 0xff) != 0xFF) {
                break; // not a marker: a damaged header, which the decoder will report
            }
            int marker = bytes[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image, start of scan: no more headers
            }
            int length = u16(bytes, at + 2, false);
            int body = at + 4;
            int end = Math.min(bytes.length, at + 2 + length);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && body + 5 < end) {
                components = bytes[body + 5] & 0xff;
            } else if (marker == 0xEE && startsWith(bytes, body, end, "Adobe")) {
                adobe = true;
                transform = body + 11 < end ? bytes[body + 11] & 0xff : -1;
            } else if (marker == 0xE1 && startsWith(bytes, body, end, "Exif\0\0")) {
                orientation = exifOrientation(bytes, body + 6, end);
            }
            at += 2 + length;
        }
        return new JpegHeader(components, adobe, transform, orientation);
    }

    /** Tag 0x0112 of IFD0 in a TIFF block at {@code [tiff, end)}; upright when absent or unreadable. */
    private static Orientation exifOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return Orientation.UPRIGHT;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return Orientation.UPRIGHT;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                break;
            }
            if (u16(b, entry, little) == 0x0112) {
                return Orientation.of(u16(b, entry + 8, little));
            }
        }
        return Orientation.UPRIGHT;
    }

    private static boolean startsWith(byte[] b, int at, int end, String text) {
        if (at + text.length() > end) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
