package dev.prune.train;

import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One training stage's settings in plain Java: read once from the plan's {@code train.<stage>.*} values, so
 * that nothing past this class handles the language's {@link Value}s.
 *
 * @param clipGrad    the global gradient-norm bound, or empty for {@code clip_grad none}
 * @param sampler     the supernet's sampling rule; present only for the supernet stage
 * @param progression how λ moves; present only for the subnet stage
 */
public record TrainSpec(String stage, Duration length, OptimizerSpec optimizer, ScheduleSpec schedule, double labelSmoothing,
        OptionalDouble clipGrad, Optional<SamplerSpec> sampler, Optional<ProgressionSpec> progression) {

    /**
     * Reads {@code train.<stage>.*} from a plan stage's parameters.
     *
     * @throws IllegalArgumentException when a value is missing or of a kind the checker should have refused
     */
    public static TrainSpec from(Map<String, Resolved> params, String stage) {
        Reader in = new Reader(params, "train." + stage + ".");
        return new TrainSpec(stage, in.length(), in.optimizer(), in.schedule(), in.number("label_smoothing").orElse(0),
                in.number("clip_grad"), in.call("sample").map(Reader::sampler), in.call("progressive").map(Reader::progression));
    }

    /** The stage's length in steps. */
    public long totalSteps(int stepsPerEpoch) {
        return length.toSteps(stepsPerEpoch);
    }

    /** The plan's values under one prefix, with the conversions from {@link Value}s in one place. */
    private record Reader(Map<String, Resolved> params, String prefix) {

        Duration length() {
            Optional<Value> epochs = value("epochs");
            Optional<Value> steps = value("steps");
            if (epochs.isPresent() == steps.isPresent()) {
                throw new IllegalArgumentException(prefix + ": give exactly one of epochs and steps");
            }
            return epochs.isPresent() ? Duration.epochs(num(epochs.get(), "epochs")) : Duration.steps((long) num(steps.get(), "steps"));
        }

        OptimizerSpec optimizer() {
            Value.Fn fn = call("optimizer").orElseThrow(() -> missing("optimizer"));
            return switch (fn.name()) {
                case "adamw" -> new OptimizerSpec.AdamWSpec(num(fn, "lr"), num(fn, "weight_decay"), num(fn, "beta1"), num(fn, "beta2"));
                case "sgd" -> new OptimizerSpec.SgdSpec(num(fn, "lr"), num(fn, "momentum"), num(fn, "weight_decay"),
                        "true".equals(((Value.Sym) fn.arg("nesterov")).name()));
                default -> throw new IllegalArgumentException(prefix + "optimizer: unknown optimizer " + fn.name());
            };
        }

        ScheduleSpec schedule() {
            Value.Fn fn = call("schedule").orElseThrow(() -> missing("schedule"));
            return switch (fn.name()) {
                case "constant" -> ScheduleSpec.constant(duration(fn, "warmup"));
                case "cosine" -> ScheduleSpec.cosine(duration(fn, "warmup"), num(fn, "min_lr"));
                case "step" -> ScheduleSpec.step(duration(fn, "every"), num(fn, "gamma"), duration(fn, "warmup"));
                default -> throw new IllegalArgumentException(prefix + "schedule: unknown schedule " + fn.name());
            };
        }

        static SamplerSpec sampler(Value.Fn fn) {
            return switch (fn.name()) {
                case "uniform" -> new SamplerSpec(SamplerSpec.Kind.UNIFORM, num(fn, "p"));
                case "exact" -> new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN);
                default -> throw new IllegalArgumentException("unknown sampler " + fn.name());
            };
        }

        static ProgressionSpec progression(Value.Fn fn) {
            return switch (fn.name()) {
                case "linear" -> new ProgressionSpec(ProgressionSpec.Kind.LINEAR, num(fn, "from"), num(fn, "to"), duration(fn, "until"));
                case "cosine" -> new ProgressionSpec(ProgressionSpec.Kind.COSINE, num(fn, "from"), num(fn, "to"), duration(fn, "until"));
                case "immediate" -> ProgressionSpec.immediate();
                default -> throw new IllegalArgumentException("unknown progression " + fn.name());
            };
        }

        /** A number, or empty where the setting is absent or {@code none}. */
        OptionalDouble number(String key) {
            Optional<Value> value = value(key);
            if (value.isEmpty() || value.get() instanceof Value.Sym) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(num(value.get(), key));
        }

        Optional<Value.Fn> call(String key) {
            return value(key).map(v -> {
                if (!(v instanceof Value.Fn fn)) {
                    throw new IllegalArgumentException(prefix + key + " should be a call, not " + v);
                }
                return fn;
            });
        }

        Optional<Value> value(String key) {
            return Optional.ofNullable(params.get(prefix + key)).map(Resolved::value);
        }

        IllegalArgumentException missing(String key) {
            return new IllegalArgumentException("the plan has no " + prefix + key);
        }

        static double num(Value.Fn fn, String arg) {
            return num(fn.arg(arg), fn.name() + "." + arg);
        }

        static double num(Value value, String what) {
            if (!(value instanceof Value.Num n)) {
                throw new IllegalArgumentException(what + " should be a number, not " + value);
            }
            return n.value();
        }

        static Duration duration(Value.Fn fn, String arg) {
            Value value = fn.arg(arg);
            if (!(value instanceof Value.Num n) || !n.unit().isDuration()) {
                throw new IllegalArgumentException(fn.name() + "." + arg + " should be a duration (epochs or steps), not " + value);
            }
            return n.unit() == Unit.EPOCHS ? Duration.epochs(n.value()) : Duration.steps(n.asLong());
        }
    }
}
