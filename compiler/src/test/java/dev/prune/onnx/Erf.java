package dev.prune.onnx;

/** The error function in double precision, which java.lang.Math lacks: for the reference GELU. */
final class Erf {

    private Erf() {
    }

    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        return x <= 3 ? series(x) : 1 - erfcContinuedFraction(x);
    }

    /** Maclaurin series 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)); terms stay below 1e4 for x ≤ 3. */
    private static double series(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-17; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the bottom. */
    private static double erfcContinuedFraction(double x) {
        double tail = x;
        for (int k = 60; k >= 1; k--) {
            tail = x + (k / 2.0) / tail;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / tail;
    }
}
