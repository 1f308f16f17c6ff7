package dev.prune.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bound value as the plan shows it: its spec path, its JSON form (rendered from the Java value the
 * binding produced), how a spec would write it, and where it came from. A call's arguments are params of
 * their own, so that each shows its own origin.
 *
 * @param json  the value without origins: what hashes are taken of
 * @param shown the value as a spec would write it, for the plan's table
 * @param from  {@code spec file:line:col}, {@code import ...}, {@code default}, {@code --set N}, {@code derived ...}
 * @param at    where the text that gave the value is ({@code file:line:col}), for messages; empty for a default
 * @param call  the call's name when the value is a call, else null
 * @param args  a call's arguments, in the catalogue's order; for a list of calls, the calls
 * @param file  whether the value is the path of a file the stages read or write: its content enters the hashes
 *              (a digest), the path itself does not, so the same spec run from another folder keeps its stages
 */
public record Param(String path, Object json, String shown, String from, String at, String call, List<Param> args, boolean file) {

    public Param(String path, Object json, String shown, String from, String at, String call, List<Param> args) {
        this(path, json, shown, from, at, call, args, false);
    }

    /** A value that is neither a call nor a list of calls. */
    static Param scalar(String path, Object json, String shown, String from, String at) {
        return new Param(path, json, shown, from, at, null, List.of());
    }

    /** A file's path, as resolved against the spec's folder. */
    static Param file(String path, String resolved, String shown, String from, String at) {
        return new Param(path, resolved, shown, from, at, null, List.of(), true);
    }

    /** A list of calls ({@code augment random_crop(28), hflip}): each item keeps its arguments' origins. */
    static Param calls(String path, List<Param> items, String from, String at) {
        String shown = "[" + String.join(", ", items.stream().map(Param::shown).toList()) + "]";
        return new Param(path, null, shown, from, at, null, items);
    }

    private boolean isList() {
        return call == null && json == null;
    }

    public Param {
        args = List.copyOf(args);
    }

    /** The JSON form with every origin: {@code {"value": ..., "from": ...}}, a call's arguments each with theirs. */
    public Map<String, Object> withOrigin() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", isList() ? args.stream().map(a -> (Object) a.callJson(true)).toList() : call == null ? json : callJson(true));
        out.put("from", from);
        return out;
    }

    /** The value without origins (a call's arguments included). */
    public Object plain() {
        return isList() ? args.stream().map(Param::plain).toList() : call == null ? json : callJson(false);
    }

    /** What a stage's hash takes of the value: {@link #plain()} without file paths, whose files enter by content. */
    public Object hashed() {
        if (file) {
            return "file";
        }
        return isList() ? args.stream().map(Param::hashed).toList() : call == null ? json : callJson(null);
    }

    /** The call as JSON: each argument with its origin (true), plain (false), or as hashed (null). */
    private Map<String, Object> callJson(Boolean origins) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("call", call);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param arg : args) {
            String name = arg.path().substring(path.length() + 1);
            values.put(name, origins == null ? arg.hashed() : origins ? arg.withOrigin() : arg.plain());
        }
        out.put("args", values);
        return out;
    }
}
