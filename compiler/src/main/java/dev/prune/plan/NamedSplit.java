package dev.prune.plan;

/** A split of the data a setting names: {@code val 10% from train}, {@code score top1 on val}. */
public enum NamedSplit {
    TRAIN, VAL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
