package dev.prune.stats;

/**
 * Student's t distribution with a whole number of degrees of freedom, the case of a mean over n paired
 * runs (df = n - 1). The distribution function uses the finite series for whole df (Abramowitz and Stegun
 * 26.7.3 and 26.7.4), which needs no gamma function and no continued fraction; the quantile inverts it
 * by bisection, which converges for every df because the function is monotone.
 */
public final class StudentT {

    private StudentT() {
    }

    /** P(|T| <= t) for t >= 0: the mass of the central interval [-t, t]. */
    static double central(double t, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (t <= 0) {
            return 0;
        }
        if (Double.isInfinite(t)) {
            return 1;
        }
        double theta = Math.atan(t / Math.sqrt(df));
        double sin = Math.sin(theta);
        double cos2 = Math.cos(theta) * Math.cos(theta);
        if (df % 2 == 1) {
            // 2/pi (theta + sin cos (1 + 2/3 cos^2 + 2·4/(3·5) cos^4 + ... up to cos^(df-3)))
            if (df == 1) {
                return 2 * theta / Math.PI;
            }
            double term = 1;
            double sum = 1;
            for (int k = 2; k <= df - 3; k += 2) {
                term *= cos2 * k / (k + 1);
                sum += term;
            }
            return 2 / Math.PI * (theta + sin * Math.cos(theta) * sum);
        }
        // sin (1 + 1/2 cos^2 + 1·3/(2·4) cos^4 + ... up to cos^(df-2))
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= df - 3; k += 2) {
            term *= cos2 * k / (k + 1);
            sum += term;
        }
        return sin * sum;
    }

    /** P(T <= t). */
    public static double cdf(double t, int df) {
        double half = 0.5 * central(Math.abs(t), df);
        return t >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** The t with P(T <= t) = p, for 0 < p < 1. */
    public static double quantile(double p, int df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a quantile needs 0 < p < 1, got " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double target = 2 * p - 1; // central mass of [-t, t]
        double low = 0;
        double high = 1;
        while (central(high, df) < target) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-13 * high; i++) {
            double mid = 0.5 * (low + high);
            if (central(mid, df) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }
}
