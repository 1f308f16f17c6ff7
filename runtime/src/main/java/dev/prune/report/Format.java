package dev.prune.report;

import java.util.Locale;

/** How the report prints numbers; every method prints {@value #NOT_RUN} for null. */
final class Format {

    static final String NOT_RUN = "not run";

    private Format() {
    }

    /** 0.8734 → "87.34 %". */
    static String percent(Double fraction) {
        return fraction == null ? NOT_RUN : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** Difference in percentage points: (0.85, 0.87) → "-2.00 pt"; empty when either is missing. */
    static String points(Double value, Double reference) {
        return value == null || reference == null ? ""
                : String.format(Locale.ROOT, "%+.2f pt", (value - reference) * 100);
    }

    /** 12_345_678 → "12.35 M": MACs and parameter counts at a glance (exact values are in summary.json). */
    static String count(Long n) {
        if (n == null) {
            return NOT_RUN;
        }
        double v = n;
        if (Math.abs(v) >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        } else if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        } else if (Math.abs(v) >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return Long.toString(n);
    }

    /** 0.6561 → "0.656×". */
    static String ratio(Double r) {
        return r == null ? NOT_RUN : String.format(Locale.ROOT, "%.3f×", r);
    }

    static String millis(Double ms) {
        return ms == null ? NOT_RUN : String.format(Locale.ROOT, "%.3f", ms);
    }

    static String seconds(Double s) {
        return s == null ? NOT_RUN : String.format(Locale.ROOT, "%.1f", s);
    }

    static String megabytes(Double mb) {
        return mb == null ? NOT_RUN : String.format(Locale.ROOT, "%.0f", mb);
    }

    /** A tiny difference or tolerance: "1.2e-07"; exact zero prints as "0". */
    static String small(Double x) {
        if (x == null) {
            return NOT_RUN;
        }
        return x == 0 ? "0" : String.format(Locale.ROOT, "%.1e", x);
    }
}
