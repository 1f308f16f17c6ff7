package dev.prune;

/**
 * The size a benchmark runs at: {@code smoke} in every build (seconds; the benchmark's own correctness checks
 * stay on, no timing is judged), so that no benchmark can rot unseen, or {@code full}, the size it measures,
 * when asked for with {@code -Dprune.bench.size=full}. One property for every benchmark of the project.
 */
public enum BenchSize {
    SMOKE, FULL;

    /** The size asked for by the system property {@code prune.bench.size} (default smoke). */
    public static BenchSize current() {
        String value = System.getProperty("prune.bench.size", "smoke").strip();
        return switch (value) {
            case "smoke", "" -> SMOKE;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("prune.bench.size is smoke or full, not '" + value + "'");
        };
    }

    /** {@code smoke} at smoke size, else {@code full}. */
    public static <T> T pick(T smoke, T full) {
        return current() == FULL ? full : smoke;
    }

    public static int pick(int smoke, int full) {
        return current() == FULL ? full : smoke;
    }
}
