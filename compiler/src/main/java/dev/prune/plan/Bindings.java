package dev.prune.plan;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Family;
import dev.prune.plan.DataPlan.Augment;
import dev.prune.plan.DataPlan.Preprocess;
import dev.prune.plan.ModelPlan.Architecture;
import dev.prune.plan.ModelPlan.WeightsSource;
import dev.prune.plan.RuntimePlan.Device;
import dev.prune.plan.SearchPlan.Strategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table from the catalogue to the plan's Java records: a line per call of each family, and a line
 * per setting in the record of the section it belongs to. Defaults are not here: the checker fills them in
 * from the catalogue, so every value these lines read is present. Adding a setting is a line in
 * {@code Catalogue} and a line here (plus the record's component); {@code BindingsTest} fails on any
 * catalogue entry without a line, and the planner refuses a checked value that no line read.
 */
public final class Bindings {

    private Bindings() {
    }

    // ------------------------------------------------------------------ calls

    public static final Calls<Architecture> ARCHITECTURES = Calls.byName(Catalogue.ARCHITECTURES, name -> a -> {
        Map<String, Object> args = new LinkedHashMap<>();
        Catalogue.ARCHITECTURES.call(name).orElseThrow().params().forEach(p -> {
            Object value = p.type() instanceof dev.prune.lang.Types.PathType ? a.file(p.name()) : a.modelArgument(p.name());
            if (value != null) {
                args.put(p.name(), value);
            }
        });
        return new Architecture(name, args);
    });

    public static final Calls<WeightsSource> WEIGHTS = Calls.<WeightsSource>of(Catalogue.WEIGHTS)
            .on("none", a -> new WeightsSource.Random())
            .on("onnx", a -> new WeightsSource.OnnxFile(a.file("path")))
            .on("checkpoint", a -> new WeightsSource.CheckpointDir(a.file("path")));

    public static final Calls<DataPlan.Source> DATASETS = Calls.<DataPlan.Source>of(Catalogue.DATASETS)
            .on("fashion_mnist", a -> new DataPlan.Source(DataPlan.Kind.FASHION_MNIST, a.file("path"), a.integerOrNone("max_train"),
                    a.integerOrNone("max_test")))
            .on("mnist", a -> new DataPlan.Source(DataPlan.Kind.MNIST, a.file("path"), a.integerOrNone("max_train"),
                    a.integerOrNone("max_test")))
            .on("image_folder", a -> new DataPlan.Source(DataPlan.Kind.IMAGE_FOLDER, a.file("path"), java.util.OptionalInt.empty(),
                    java.util.OptionalInt.empty()));

    public static final Calls<Augment> AUGMENTATIONS = Calls.<Augment>of(Catalogue.AUGMENTATIONS)
            .on("random_crop", a -> new Augment.RandomCrop(a.integer("size"), a.integer("padding")))
            .on("random_resized_crop", a -> new Augment.RandomResizedCrop(a.integer("size"), a.number("min_scale"),
                    a.name("interpolation")))
            .on("hflip", a -> new Augment.HFlip(a.number("p")));

    public static final Calls<Preprocess> PREPROCESSING = Calls.<Preprocess>of(Catalogue.PREPROCESSING)
            .on("resize", a -> new Preprocess.Resize(a.integer("size"), a.name("interpolation")))
            .on("center_crop", a -> new Preprocess.CenterCrop(a.integer("size")))
            .on("normalize", a -> new Preprocess.Normalize(a.numbers("mean"), a.numbers("std")));

    public static final Calls<OptimizerSpec> OPTIMIZERS = Calls.<OptimizerSpec>of(Catalogue.OPTIMIZERS)
            .on("sgd", a -> new OptimizerSpec.SgdSpec(a.number("lr"), a.number("momentum"), a.number("weight_decay"),
                    a.yesNo("nesterov")))
            .on("adamw", a -> new OptimizerSpec.AdamWSpec(a.number("lr"), a.number("weight_decay"), a.number("beta1"),
                    a.number("beta2")));

    public static final Calls<ScheduleSpec> SCHEDULES = Calls.<ScheduleSpec>of(Catalogue.SCHEDULES)
            .on("constant", a -> ScheduleSpec.constant(a.duration("warmup")))
            .on("cosine", a -> ScheduleSpec.cosine(a.duration("warmup"), a.number("min_lr")))
            .on("step", a -> ScheduleSpec.step(a.duration("every"), a.number("gamma"), a.duration("warmup")));

    public static final Calls<SamplerSpec> SAMPLERS = Calls.<SamplerSpec>of(Catalogue.SAMPLERS)
            .on("uniform", a -> new SamplerSpec(SamplerSpec.Kind.UNIFORM, a.number("p")))
            .on("exact", a -> new SamplerSpec(SamplerSpec.Kind.EXACT, Double.NaN));

    public static final Calls<ProgressionSpec> PROGRESSIONS = Calls.<ProgressionSpec>of(Catalogue.PROGRESSIONS)
            .on("linear", a -> new ProgressionSpec(ProgressionSpec.Kind.LINEAR, a.number("from"), a.number("to"), a.duration("until")))
            .on("cosine", a -> new ProgressionSpec(ProgressionSpec.Kind.COSINE, a.number("from"), a.number("to"), a.duration("until")))
            .on("immediate", a -> ProgressionSpec.immediate());

    public static final Calls<Device> DEVICES = Calls.<Device>of(Catalogue.DEVICES)
            .on("cpu", a -> new Device.Cpu())
            .on("gpu", a -> new Device.Gpu(a.integer("index")));

    /** Where the search scores: empty for this process, else the Spark master URL. */
    public static final Calls<java.util.Optional<String>> EXECUTORS = Calls.<java.util.Optional<String>>of(Catalogue.EXECUTORS)
            .on("local", a -> java.util.Optional.empty())
            .on("spark", a -> java.util.Optional.of(a.text("master")));

    public static final Calls<Convergence> STOPPING_RULES = Calls.<Convergence>of(Catalogue.STOPPING_RULES)
            .on("converged", a -> new Convergence(a.number("delta"), (int) a.duration("over").amount()));

    public static final Calls<String> EXPORT_FORMATS = Calls.<String>of(Catalogue.EXPORT_FORMATS)
            .on("onnx", a -> a.file("path"));

    /** Every family's table, for the test that walks the catalogue. */
    public static final List<Calls<?>> CALLS = List.of(ARCHITECTURES, WEIGHTS, DATASETS, AUGMENTATIONS, PREPROCESSING, OPTIMIZERS,
            SCHEDULES, SAMPLERS, PROGRESSIONS, DEVICES, EXECUTORS, EXPORT_FORMATS, STOPPING_RULES);

    /** The table of a catalogue family. */
    public static Calls<?> of(Family family) {
        return CALLS.stream().filter(c -> c.family() == family).findFirst()
                .orElseThrow(() -> new IllegalStateException("no binding table for the family " + family.name()));
    }

    // ------------------------------------------------------------------ section subjects that are plain names

    /** {@code search evolution|random|exhaustive}, with the settings each strategy takes. */
    static Strategy strategy(Reader s) {
        String name = s.name("");
        return switch (name) {
            case "evolution" -> new Strategy.Evolution(s.integer("population"), s.integer("generations"), s.number("mutation"));
            case "random" -> new Strategy.RandomDraw(s.integer("population"));
            case "exhaustive" -> new Strategy.Exhaustive();
            default -> throw new IllegalStateException("no binding for the search strategy " + name);
        };
    }

    // ------------------------------------------------------------------ settings, a line each

    static long seed(Reader recipe) {
        return recipe.whole("seed");
    }

    static String merge(Reader recipe) {
        return recipe.name("merge");
    }

    static ModelPlan model(Reader s) {
        return new ModelPlan(s.call("", ARCHITECTURES), s.integers("input"), s.integer("classes"), s.call("weights", WEIGHTS));
    }

    static DataPlan data(Reader s) {
        return new DataPlan(s.call("", DATASETS), s.integer("batch"), s.countOrPercent("val"), s.choice("val.from", NamedSplit.class),
                s.calls("augment", AUGMENTATIONS), s.calls("preprocess", PREPROCESSING), s.integer("workers"));
    }

    /** {@code train baseline|supernet|subnet}: {@code sample} only in the supernet, {@code progressive} only in the subnet. */
    static TrainSpec train(Reader s, String stage) {
        Duration length = s.has("epochs") ? Duration.epochs(s.number("epochs")) : Duration.steps(s.whole("steps"));
        Optional<SamplerSpec> sampler = s.has("sample") ? Optional.of(s.call("sample", SAMPLERS)) : Optional.empty();
        Optional<ProgressionSpec> progression = s.has("progressive") ? Optional.of(s.call("progressive", PROGRESSIONS)) : Optional.empty();
        Optional<TrainSpec.Init> init = s.has("init") ? Optional.of(s.choice("init", TrainSpec.Init.class)) : Optional.empty();
        Optional<Convergence> until = s.has("until") ? Optional.of(s.call("until", STOPPING_RULES)) : Optional.empty();
        return new TrainSpec(stage, length, s.call("optimizer", OPTIMIZERS), s.call("schedule", SCHEDULES), s.number("label_smoothing"),
                s.numberOrNone("clip_grad"), sampler, progression, init, s.wholeOrNone("seed"), until);
    }

    static SpacePlan space(Reader s) {
        int[] prune = s.countOrRange("prune");
        return new SpacePlan(s.texts("blocks"), s.texts("blocks.except"), prune[0], prune[1], s.budgets("prune.where"),
                s.name("transform"), s.texts("candidates"), s.has("left_out") ? s.texts("left_out") : List.of());
    }

    static SearchPlan search(Reader s) {
        return new SearchPlan(strategy(s), s.choice("score", SearchPlan.Score.class), s.choice("score.on", NamedSplit.class),
                s.integerOrNone("batches"), s.integerOrNone("recalibrate"), s.wholeOrNone("seed"));
    }

    static ExportPlan export(Reader s) {
        return new ExportPlan(s.call("", EXPORT_FORMATS), s.integer("opset"), s.number("verify.atol"), s.integers("bench.batch"),
                s.integer("runs"));
    }

    static RuntimePlan runtime(Reader s) {
        return new RuntimePlan(s.call("device", DEVICES), s.choice("provider", RuntimePlan.Provider.class), s.integerOrNone("threads"),
                s.name("fallback").equals("cpu"), s.call("executor", EXECUTORS));
    }
}
