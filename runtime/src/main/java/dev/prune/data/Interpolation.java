package dev.prune.data;

import java.util.Locale;

/** How a resize computes new pixels: the filters torchvision offers for PIL images, as Pillow defines them. */
public enum Interpolation {
    /** The triangle filter, support 1 (torchvision's default). */
    BILINEAR(1.0),
    /** Keys' cubic convolution with a = -0.5, support 2. */
    BICUBIC(2.0);

    private final double support;

    Interpolation(double support) {
        this.support = support;
    }

    /** The name the language uses: {@code bilinear}, {@code bicubic}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Interpolation of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Half the filter's width at scale 1; shrinking by s widens it to {@code s * support}. */
    double support() {
        return support;
    }

    double weight(double x) {
        double t = Math.abs(x);
        if (this == BILINEAR) {
            return t < 1.0 ? 1.0 - t : 0.0;
        }
        final double a = -0.5;
        if (t < 1.0) {
            return ((a + 2.0) * t - (a + 3.0)) * t * t + 1;
        }
        if (t < 2.0) {
            return (((t - 5) * t + 8) * t - 4) * a;
        }
        return 0.0;
    }
}
