package dev.prune.plan;

/**
 * Which candidate blocks take their pruned form at each supernet step: {@link Kind#UNIFORM}, each one
 * independently with probability {@code p}; {@link Kind#EXACT}, exactly as many as the space prunes.
 */
public record SamplerSpec(Kind kind, double p) {

    public enum Kind { UNIFORM, EXACT }
}
