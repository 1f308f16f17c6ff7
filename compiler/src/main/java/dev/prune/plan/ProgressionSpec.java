package dev.prune.plan;

/** How λ moves during progressive subnet training; {@link LambdaSchedule#of} makes it a function of the step. */
public record ProgressionSpec(Kind kind, double from, double to, Duration until) {

    public enum Kind { LINEAR, COSINE, IMMEDIATE }

    /** λ = 1 from the first step: the ablation without progression. */
    public static ProgressionSpec immediate() {
        return new ProgressionSpec(Kind.IMMEDIATE, 1, 1, Duration.steps(0));
    }
}
