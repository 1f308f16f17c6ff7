package dev.prune.data;

/**
 * The EXIF orientation tag: how the stored pixels must be turned to show the picture upright. Each value
 * maps an output pixel (row, column) to the stored one, as {@code PIL.ImageOps.exif_transpose} turns them.
 */
enum Orientation {
    UPRIGHT, MIRRORED, ROTATED_180, FLIPPED, TRANSPOSED, ROTATED_CW, TRANSVERSED, ROTATED_CCW;

    /** The tag's value 1..8; anything else is treated as upright, as Pillow does. */
    static Orientation of(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : UPRIGHT;
    }

    /** Whether the upright picture's height is the stored width (values 5 to 8). */
    boolean swapsSides() {
        return ordinal() >= TRANSPOSED.ordinal();
    }

    Image apply(Image in) {
        if (this == UPRIGHT) {
            return in;
        }
        int h = in.height();
        int w = in.width();
        int outH = swapsSides() ? w : h;
        int outW = swapsSides() ? h : w;
        Image out = Image.blank(in.channels(), outH, outW);
        for (int c = 0; c < in.channels(); c++) {
            for (int r = 0; r < outH; r++) {
                for (int col = 0; col < outW; col++) {
                    int sr;
                    int sc;
                    switch (this) {
                        case MIRRORED -> { sr = r; sc = w - 1 - col; }
                        case ROTATED_180 -> { sr = h - 1 - r; sc = w - 1 - col; }
                        case FLIPPED -> { sr = h - 1 - r; sc = col; }
                        case TRANSPOSED -> { sr = col; sc = r; }
                        case ROTATED_CW -> { sr = h - 1 - col; sc = r; }
                        case TRANSVERSED -> { sr = h - 1 - col; sc = w - 1 - r; }
                        default -> { sr = col; sc = w - 1 - r; } // ROTATED_CCW
                    }
                    out.set(c, r, col, in.get(c, sr, sc));
                }
            }
        }
        return out;
    }
}
