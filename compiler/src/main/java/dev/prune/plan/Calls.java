package dev.prune.plan;

import dev.prune.lang.Family;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The bindings of one catalogue family: for each call, how its arguments make a Java value. A call the
 * catalogue has and this table lacks is a bug that {@code BindingsTest} finds.
 */
public final class Calls<T> {

    private final Family family;
    private final Map<String, Function<Reader, T>> makers = new LinkedHashMap<>();
    private final Function<String, Function<Reader, T>> fallback;

    private Calls(Family family, Function<String, Function<Reader, T>> fallback) {
        this.family = family;
        this.fallback = fallback;
    }

    public static <T> Calls<T> of(Family family) {
        return new Calls<>(family, null);
    }

    /** One binding for every call of the family, given the call's name: the architectures, which the zoo builds by name. */
    public static <T> Calls<T> byName(Family family, Function<String, Function<Reader, T>> maker) {
        return new Calls<>(family, maker);
    }

    public Calls<T> on(String call, Function<Reader, T> maker) {
        if (family.call(call).isEmpty()) {
            throw new IllegalArgumentException("the catalogue's " + family.name() + " family has no call " + call);
        }
        makers.put(call, maker);
        return this;
    }

    public Family family() {
        return family;
    }

    /** Whether the table binds this call of the family. */
    public boolean binds(String call) {
        return makers.containsKey(call) || fallback != null && family.call(call).isPresent();
    }

    T make(String call, Reader args) {
        Function<Reader, T> maker = makers.get(call);
        if (maker == null && fallback != null && family.call(call).isPresent()) {
            maker = fallback.apply(call);
        }
        if (maker == null) {
            throw new IllegalStateException("no binding for the " + family.name() + " " + call);
        }
        return maker.apply(args);
    }
}
