package dev.prune.verify;

import dev.prune.ir.Tensor;
import java.util.Arrays;

/**
 * How closely an output matches a reference: the largest absolute difference, and the reference's largest
 * magnitude to scale it by. The merge's bound is on {@link #relative()} = max|a − b| / max|a|, which does not
 * depend on how large a model's logits happen to be.
 */
public record Agreement(double maxAbsDiff, double referenceScale) {

    /** Compares element by element; the shapes must be equal. */
    public static Agreement of(Tensor reference, Tensor other) {
        if (!reference.sameShape(other)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(reference.shape()) + " vs "
                    + Arrays.toString(other.shape()));
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < reference.size(); i++) {
            diff = Math.max(diff, Math.abs(reference.get(i) - other.get(i)));
            scale = Math.max(scale, Math.abs(reference.get(i)));
        }
        return new Agreement(diff, scale);
    }

    /** max|a − b| / max|a|; 0 for two all-zero outputs. */
    public double relative() {
        return maxAbsDiff == 0 ? 0 : maxAbsDiff / referenceScale;
    }
}
