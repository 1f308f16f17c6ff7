package dev.prune.ir;

/**
 * The cost of a node, a block or a graph, per sample (a dynamic batch dimension counts as 1).
 *
 * @param macs multiply-accumulates of Conv, Gemm and MatMul only (see {@link CostModel})
 * @param params trainable parameter scalars
 * @param layers weighted layers: Conv and Gemm nodes (and MatMul with a parameter operand)
 */
public record Cost(long macs, long params, int layers) {

    public static final Cost ZERO = new Cost(0, 0, 0);

    public Cost plus(Cost other) {
        return new Cost(macs + other.macs, params + other.params, layers + other.layers);
    }

    /** MACs in units of 10⁹, the way model cards print them. */
    public double gmacs() {
        return macs / 1e9;
    }

    @Override
    public String toString() {
        return String.format("%.3f GMACs, %,d params, %d layers", gmacs(), params, layers);
    }
}
