package dev.prune.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A set of callables that may stand in one place: the optimizers, the schedules, the architectures. */
public record Family(String name, String description, Map<String, CallSpec> calls) {

    public Family {
        calls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(calls));
    }

    public static Family of(String name, String description, CallSpec... calls) {
        Map<String, CallSpec> map = new LinkedHashMap<>();
        for (CallSpec call : calls) {
            map.put(call.name(), call);
        }
        return new Family(name, description, map);
    }

    public Optional<CallSpec> call(String name) {
        return Optional.ofNullable(calls.get(name));
    }

    /** A callable and its parameters, in positional order. */
    public record CallSpec(String name, String doc, List<Param> params) {
        public CallSpec {
            params = List.copyOf(params);
        }

        public static CallSpec of(String name, String doc, Param... params) {
            return new CallSpec(name, doc, List.of(params));
        }

        public Optional<Param> param(String name) {
            return params.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** A parameter; without a default it is required. */
    public record Param(String name, Type type, Optional<Value> defaultValue) {
        public static Param required(String name, Type type) {
            return new Param(name, type, Optional.empty());
        }

        public static Param optional(String name, Type type, Value defaultValue) {
            return new Param(name, type, Optional.of(defaultValue));
        }
    }
}
