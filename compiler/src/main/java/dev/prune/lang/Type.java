package dev.prune.lang;

import java.util.Optional;

/**
 * What a setting or an argument accepts. {@link #check} returns the value in its normal form (e.g. a
 * call with every argument named), or reports why it does not fit and returns empty.
 */
public interface Type {

    Optional<Value> check(Value value, Span span, Context context);

    /** How messages name this type: "a whole number", "a duration (epochs or steps)". */
    String describe();

    /** What checking needs besides the value: somewhere to report, and the values given by --set. */
    interface Context {
        Diagnostics diagnostics();

        /** Resolves a call of a family, reporting unknown names and arguments; {@code path} names it for --set. */
        Optional<Value> resolveCall(Family family, Value value, Span span, String path);

        String path();
    }
}
