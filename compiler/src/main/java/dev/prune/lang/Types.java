package dev.prune.lang;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The types of the language's settings and arguments. */
public final class Types {

    private Types() {
    }

    /** A number in [min, max] (an end is open when its flag is false), with one of the given units. */
    public record NumberType(String description, double min, boolean minInclusive, double max, boolean maxInclusive,
            boolean integer, Set<Unit> units) implements Type {

        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (!(value instanceof Value.Num num)) {
                context.diagnostics().error("type-mismatch", span, "expected " + description + ", found " + Values.describe(value));
                return Optional.empty();
            }
            if (!units.contains(num.unit())) {
                if (num.unit() == Unit.NONE) {
                    context.diagnostics().error("missing-unit", span, "this value needs a unit: " + unitList(),
                            "write e.g. '" + Values.show(num.value()) + " " + units.iterator().next().text() + "'");
                } else {
                    context.diagnostics().error("wrong-unit", span, "expected " + description + ", found a value in '" + num.unit().text() + "'",
                            units.contains(Unit.NONE) ? "write the number without a unit" : "use " + unitList());
                }
                return Optional.empty();
            }
            if (integer && !num.isInteger()) {
                context.diagnostics().error("not-integer", span, "expected a whole number, found " + Values.show(num.value()));
                return Optional.empty();
            }
            boolean low = minInclusive ? num.value() >= min : num.value() > min;
            boolean high = maxInclusive ? num.value() <= max : num.value() < max;
            if (!Double.isFinite(num.value()) || !low || !high) {
                // Name the setting: the value may come from --set, a let or an import, far from where it is used.
                String where = context.path().isEmpty() ? "" : " for " + context.path();
                context.diagnostics().error("out-of-range", span, Values.show(num.value()) + " is out of range" + where + ": expected "
                        + description);
                return Optional.empty();
            }
            return Optional.of(value);
        }

        private String unitList() {
            return units.stream().filter(u -> u != Unit.NONE).map(u -> "'" + u.text() + "'").collect(Collectors.joining(" or "));
        }

        @Override
        public String describe() {
            return description;
        }
    }

    public static NumberType wholeAtLeast(long min) {
        return new NumberType("a whole number >= " + min, min, true, Double.POSITIVE_INFINITY, true, true, EnumSet.of(Unit.NONE));
    }

    public static NumberType wholeBetween(long min, long max) {
        return new NumberType("a whole number from " + min + " to " + max, min, true, max, true, true, EnumSet.of(Unit.NONE));
    }

    public static NumberType positive() {
        return new NumberType("a number > 0", 0, false, Double.POSITIVE_INFINITY, true, false, EnumSet.of(Unit.NONE));
    }

    /** (0, max]: a size or rate with a ceiling the runtime can carry out. */
    public static NumberType positiveAtMost(double max) {
        return new NumberType("a number > 0 and <= " + Values.show(max), 0, false, max, true, false, EnumSet.of(Unit.NONE));
    }

    /** [min, max]: a rate or coefficient with a ceiling. */
    public static NumberType atLeastAtMost(double min, double max) {
        return new NumberType("a number from " + Values.show(min) + " to " + Values.show(max), min, true, max, true, false,
                EnumSet.of(Unit.NONE));
    }

    public static NumberType atLeast(double min) {
        return new NumberType("a number >= " + Values.show(min), min, true, Double.POSITIVE_INFINITY, true, false, EnumSet.of(Unit.NONE));
    }

    /** [min, max) when {@code maxInclusive} is false. */
    public static NumberType between(double min, double max, boolean maxInclusive) {
        return new NumberType("a number from " + Values.show(min) + " to " + Values.show(max) + (maxInclusive ? "" : " (excluded)"),
                min, true, max, maxInclusive, false, EnumSet.of(Unit.NONE));
    }

    /** {@code 2 epochs}, {@code 500 steps}, {@code 0 steps}. */
    public static NumberType duration() {
        return new NumberType("a duration in epochs or steps, up to 1e9", 0, true, 1e9, true, false,
                EnumSet.of(Unit.EPOCHS, Unit.STEPS));
    }

    /** {@code 0.8 x baseline}. */
    public static NumberType ratioToBaseline() {
        return new NumberType("a ratio to the baseline such as '0.8 x baseline'", 0, false, Double.POSITIVE_INFINITY, true,
                false, EnumSet.of(Unit.TIMES_BASELINE));
    }

    /** A list whose items all have one type, with a length in [minLength, maxLength]. */
    public record ListType(Type item, int minLength, int maxLength) implements Type {

        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (!(value instanceof Value.Lst list)) {
                context.diagnostics().error("type-mismatch", span, "expected " + describe() + ", found " + Values.describe(value));
                return Optional.empty();
            }
            if (list.items().size() < minLength || list.items().size() > maxLength) {
                context.diagnostics().error("wrong-length", span, "expected " + describe() + ", found " + list.items().size() + " items");
                return Optional.empty();
            }
            List<Value> checked = new ArrayList<>();
            boolean ok = true;
            for (Value v : list.items()) {
                Optional<Value> c = item.check(v, span, context);
                ok &= c.isPresent();
                c.ifPresent(checked::add);
            }
            return ok ? Optional.of(new Value.Lst(checked)) : Optional.empty();
        }

        @Override
        public String describe() {
            String length = minLength == maxLength ? minLength + " " : maxLength == Integer.MAX_VALUE ? "" : minLength + " to " + maxLength + " ";
            return "a list of " + length + "items, each " + item.describe();
        }
    }

    public record StringType(String description) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (!(value instanceof Value.Str str)) {
                context.diagnostics().error("type-mismatch", span, "expected " + description + ", found " + Values.describe(value));
                return Optional.empty();
            }
            if (str.value().isBlank()) {
                context.diagnostics().error("empty-string", span, "expected " + description + ", found an empty string");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        @Override
        public String describe() {
            return description;
        }
    }

    public static PathType path() {
        return new PathType("a path in quotes");
    }

    /**
     * A file or folder path. Checked like a string, then resolved where it was written: a relative path starts
     * from the folder of the spec file whose text holds it (as imports do), whichever folder prune runs in; a
     * path given with {@code --set} starts from the working directory, where the user typed it; an absolute
     * path stays as it is. The checked value is the resolved path, so the plan shows it and the runtime opens it.
     */
    public record PathType(String description) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            Optional<Value> text = new StringType(description).check(value, span, context);
            if (text.isEmpty()) {
                return text;
            }
            String written = ((Value.Str) value).value();
            try {
                return Optional.of(new Value.Str(resolve(written, span.file())));
            } catch (java.nio.file.InvalidPathException e) {
                context.diagnostics().error("bad-path", span, "'" + written + "' is not a valid path: " + e.getReason());
                return Optional.empty();
            }
        }

        @Override
        public String describe() {
            return description;
        }

        /**
         * {@code written} as seen from the working directory, written in the source named {@code file}: a spec's
         * path as the command line or the editor gave it, or {@code --set N}. Relative stays relative (to the
         * working directory) when the spec's name is; normalised, so that {@code ./data} and {@code data} are one.
         */
        public static String resolve(String written, String file) {
            java.nio.file.Path path = java.nio.file.Path.of(written);
            if (path.isAbsolute() || file.startsWith("--set")) {
                return path.normalize().toString();
            }
            java.nio.file.Path folder;
            try {
                folder = java.nio.file.Path.of(file).getParent();
            } catch (java.nio.file.InvalidPathException notAFile) {
                folder = null;
            }
            java.nio.file.Path resolved = (folder == null ? path : folder.resolve(path)).normalize();
            String out = resolved.toString();
            return out.isEmpty() ? "." : out;
        }
    }

    /** One of a fixed set of bare names. */
    public record ChoiceType(String description, List<String> choices) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (value instanceof Value.Sym sym && choices.contains(sym.name())) {
                return Optional.of(value);
            }
            if (value instanceof Value.Sym sym) {
                context.diagnostics().error("unknown-choice", span, "unknown " + description + " '" + sym.name() + "'",
                        Suggest.help(sym.name(), choices, "expected one of"));
            } else {
                context.diagnostics().error("type-mismatch", span, "expected " + describe() + ", found " + Values.describe(value));
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return description + " (" + String.join(", ", choices) + ")";
        }
    }

    /** A call of one family: {@code adamw(lr: 1e-3)}; a bare name is a call without arguments. */
    public record CallType(Family family) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            return context.resolveCall(family, value, span, context.path());
        }

        @Override
        public String describe() {
            return family.description();
        }
    }

    /** The inner type, or {@code none}. */
    public record OrNone(Type inner) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (value instanceof Value.Sym sym && sym.name().equals("none")) {
                return Optional.of(value);
            }
            return inner.check(value, span, context);
        }

        @Override
        public String describe() {
            return inner.describe() + ", or none";
        }
    }

    /** A whole number or a percentage: {@code val 2000 from train}, {@code val 10% from train}. */
    public record CountOrPercent() implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (value instanceof Value.Num num && num.unit() == Unit.PERCENT) {
                return new NumberType("a percentage above 0 and below 100", 0, false, 100, false, false, EnumSet.of(Unit.PERCENT))
                        .check(value, span, context);
            }
            return new NumberType("a whole number from 1 to " + Integer.MAX_VALUE + ", or a percentage", 1, true, Integer.MAX_VALUE, true, true,
                    EnumSet.of(Unit.NONE, Unit.PERCENT)).check(value, span, context);
        }

        @Override
        public String describe() {
            return "a count or a percentage";
        }
    }

    /** {@code 4} or {@code 2..6}: how many blocks to prune. */
    public record CountOrRange() implements Type {
        /** More blocks than any architecture of the zoo has; keeps the count an int. */
        static final int MAX_PRUNED = 10_000;

        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (value instanceof Value.Rng range) {
                if (range.high() > MAX_PRUNED) {
                    context.diagnostics().error("out-of-range", span, "the range " + range.low() + ".." + range.high()
                            + " is out of range: a model has at most " + MAX_PRUNED + " blocks to prune");
                    return Optional.empty();
                }
                if (range.low() < 1 || range.high() < range.low()) {
                    context.diagnostics().error("bad-range", span, "the range " + range.low() + ".." + range.high()
                            + " is empty or starts below 1", "write low..high with 1 <= low <= high");
                    return Optional.empty();
                }
                return Optional.of(value);
            }
            return wholeBetween(1, MAX_PRUNED).check(value, span, context).map(v -> new Value.Rng(((Value.Num) v).asLong(), ((Value.Num) v).asLong()));
        }

        @Override
        public String describe() {
            return "a block count or a range such as 2..6";
        }
    }

    /**
     * {@code macs <= 0.8 x baseline}, {@code latency <= 5 ms}: an upper bound on a metric of the pruned model.
     *
     * @param metrics each metric with the units its bound may take, and how to write one
     */
    public record Budget(Map<String, BoundSpec> metrics) implements Type {

        /** The units a metric's bound takes, and an example in words: "a ratio to the baseline, such as '0.8 x baseline'". */
        public record BoundSpec(Set<Unit> units, String example) {
        }

        public Budget {
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        }

        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (!(value instanceof Value.Cond cond)) {
                context.diagnostics().error("type-mismatch", span, "expected a condition such as 'macs <= 0.8 x baseline'");
                return Optional.empty();
            }
            BoundSpec bound = metrics.get(cond.metric());
            if (bound == null) {
                context.diagnostics().error("unknown-metric", metricSpan(span, cond.metric()), "unknown budget metric '" + cond.metric() + "'",
                        Suggest.help(cond.metric(), metrics.keySet(), "a budget bounds"));
                return Optional.empty();
            }
            if (!bound.units().contains(cond.bound().unit())) {
                String found = cond.bound().unit() == Unit.NONE ? "a plain number" : "a value in '" + cond.bound().unit().text() + "'";
                context.diagnostics().error("wrong-unit", span, "a bound on " + cond.metric() + " is " + bound.example() + ", found " + found);
                return Optional.empty();
            }
            if (cond.op() != Comparison.Operator.AT_MOST && cond.op() != Comparison.Operator.BELOW) {
                context.diagnostics().error("wrong-comparison", span, "a budget is an upper bound: use <= or <");
                return Optional.empty();
            }
            if (!(cond.bound().value() > 0) || !Double.isFinite(cond.bound().value())) {
                context.diagnostics().error("out-of-range", span, "a budget must be a finite number above 0");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        /** A condition starts with its metric's name: the caret goes under that name alone. */
        private static Span metricSpan(Span condition, String metric) {
            if (!condition.isReal() || condition.endLine() != condition.line()
                    || condition.endColumn() - condition.column() + 1 < metric.length()) {
                return condition;
            }
            return new Span(condition.file(), condition.line(), condition.column(), condition.line(),
                    condition.column() + metric.length() - 1, condition.start(), condition.start() + metric.length());
        }

        @Override
        public String describe() {
            return "a budget";
        }
    }

    /** A name of a declaration of the given kind ({@code updp.block}); the checker resolves it against the declarations. */
    public record Reference(String kind) implements Type {
        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (value instanceof Value.Sym) {
                return Optional.of(value);
            }
            context.diagnostics().error("type-mismatch", span, "expected the name of a " + kind + " declaration, found " + Values.describe(value));
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "the name of a " + kind + " declaration";
        }
    }

    /**
     * A block selector: a dotted block name in which {@code *} matches any run of characters within one
     * part and {@code ?} one character, e.g. {@code "features.*.*"} or {@code "layer?.1"}. Which blocks it
     * matches is decided against the model; here only its form is checked.
     */
    public record Selector() implements Type {
        private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("[A-Za-z0-9_*?]+");

        @Override
        public Optional<Value> check(Value value, Span span, Context context) {
            if (!(value instanceof Value.Str str)) {
                context.diagnostics().error("type-mismatch", span, "expected " + describe() + ", found " + Values.describe(value));
                return Optional.empty();
            }
            String[] parts = str.value().split("\\.", -1);
            for (String part : parts) {
                if (!PART.matcher(part).matches()) {
                    context.diagnostics().error("bad-selector", span, "malformed block selector \"" + str.value() + "\"",
                            "a selector is a dotted block name with * and ? wildcards, e.g. \"features.*.*\" or \"layer2.1\"");
                    return Optional.empty();
                }
            }
            return Optional.of(value);
        }

        @Override
        public String describe() {
            return "a block selector in quotes, such as \"features.*.*\"";
        }
    }
}
