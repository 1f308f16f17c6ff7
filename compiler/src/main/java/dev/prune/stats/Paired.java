package dev.prune.stats;

/** Paired differences a[i] - b[i], the currency of every paired comparison (one pair per seed). */
public final class Paired {

    private Paired() {
    }

    public static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
