package dev.prune.plan;

/**
 * A length of training as a recipe writes it ({@code 0.5 epochs}, {@code 500 steps}). Epochs become steps
 * only once the data is open, so the conversion takes the steps per epoch.
 */
public record Duration(double amount, Per unit) {

    public enum Per { STEPS, EPOCHS }

    public Duration {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("a duration must be finite and at least 0, not " + amount);
        }
    }

    public static Duration steps(long steps) {
        return new Duration(steps, Per.STEPS);
    }

    public static Duration epochs(double epochs) {
        return new Duration(epochs, Per.EPOCHS);
    }

    /** In steps, rounding a fractional epoch to the nearest step. */
    public long toSteps(int stepsPerEpoch) {
        if (stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("steps per epoch must be positive, not " + stepsPerEpoch);
        }
        return unit == Per.STEPS ? Math.round(amount) : Math.round(amount * stepsPerEpoch);
    }

    @Override
    public String toString() {
        String number = amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount);
        return number + (unit == Per.STEPS ? " steps" : " epochs");
    }
}
