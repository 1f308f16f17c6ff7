package dev.prune.lang;

/** The unit written after a number. */
public enum Unit {
    NONE(""),
    EPOCHS("epochs"),
    STEPS("steps"),
    /** {@code 1.5 x}: a ratio to the thing being changed (a block, in merge rules). */
    TIMES("x"),
    /** {@code 0.8 x baseline}: a ratio to the unpruned model. */
    TIMES_BASELINE("x baseline"),
    MILLISECONDS("ms"),
    PERCENT("%"),
    /** {@code 8 batches}: a count of batches (BatchNorm recalibration). */
    BATCHES("batches");

    private final String text;

    Unit(String text) {
        this.text = text;
    }

    /** The canonical spelling, as the formatter prints it. */
    public String text() {
        return text;
    }

    public boolean isDuration() {
        return this == EPOCHS || this == STEPS;
    }
}
