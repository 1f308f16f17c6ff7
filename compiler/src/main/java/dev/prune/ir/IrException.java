package dev.prune.ir;

import java.util.List;

/** A graph that breaks an IR invariant. Carries every problem found, not only the first. */
public final class IrException extends RuntimeException {

    private final List<String> problems;

    public IrException(String problem) {
        this(List.of(problem));
    }

    public IrException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
