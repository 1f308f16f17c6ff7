package dev.prune.api;

import dev.prune.lang.Argument;
import dev.prune.lang.Call;
import dev.prune.lang.QualifiedName;
import dev.prune.lang.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A call such as {@code adamw(lr: 2e-3, weight_decay: 0.05)} or {@code random_crop(28, padding: 2)}, built
 * one argument at a time. Immutable: each {@code arg} returns a new builder, so a common call can be shared
 * and varied. Without arguments it is a bare name ({@code hflip}), as one would write it.
 */
public final class CallBuilder {

    private final String name;
    private final List<Argument> args;

    CallBuilder(String name, List<Argument> args) {
        this.name = name;
        this.args = List.copyOf(args);
    }

    /** A positional argument; the language accepts them only before the named ones. */
    public CallBuilder arg(Object value) {
        return with(Argument.positional(Exprs.of(value)));
    }

    /** A named argument, {@code name: value}. */
    public CallBuilder arg(String name, Object value) {
        return with(Argument.named(Exprs.identifier(name), Exprs.of(value)));
    }

    private CallBuilder with(Argument argument) {
        List<Argument> more = new ArrayList<>(args);
        more.add(argument);
        return new CallBuilder(name, more);
    }

    public Call toCall() {
        return args.isEmpty() ? Call.name(name) : new Call(Span.NONE, QualifiedName.of(name), args, true);
    }

    @Override
    public String toString() {
        return name + (args.isEmpty() ? "" : "(" + args.size() + " arguments)");
    }
}
