package dev.prune.lang;

import static dev.prune.lang.Family.CallSpec;
import static dev.prune.lang.Family.Param.optional;
import static dev.prune.lang.Family.Param.required;

import dev.prune.lang.SettingSpec.ClauseSpec;
import dev.prune.lang.Types.ChoiceType;
import dev.prune.lang.Types.ListType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a recipe may say, in one place: each section's settings, and each family of calls with its
 * parameters, types and defaults. The checker and the planner read these tables; adding a setting or an
 * optimizer is a line here.
 */
public final class Catalogue {

    private Catalogue() {
    }

    /** The language version this compiler reads. */
    public static final int LANGUAGE_VERSION = 1;

    /** The ONNX opsets the exporter writes. */
    public static final int MIN_OPSET = 17;
    public static final int MAX_OPSET = 17;

    public static final List<String> TRAIN_STAGES = List.of("baseline", "supernet", "subnet");
    public static final List<String> SEARCH_STRATEGIES = List.of("evolution", "exhaustive", "random");

    private static Value num(double v) {
        return new Value.Num(v, Unit.NONE);
    }

    private static Value sym(String name) {
        return new Value.Sym(name);
    }

    private static Value ints(long... values) {
        return new Value.Lst(java.util.Arrays.stream(values).mapToObj(v -> (Value) num(v)).toList());
    }

    private static final Type BATCH_COUNT = new Types.NumberType("a number of batches such as '8 batches'", 1, true,
            Integer.MAX_VALUE, true, true, EnumSet.of(Unit.BATCHES));

    /**
     * A stage's own seed. It enters this stage's hash (and so those after it), never an earlier one's: a second
     * seed of the subnet reuses the baseline, the supernet and the search.
     */
    private static final SettingSpec STAGE_SEED = SettingSpec.optional("seed", new Types.OrNone(Types.wholeAtLeast(0)),
            new Value.Sym("none"), "this stage's seed (shuffling, sampling, search draws); none: the recipe's seed. "
                    + "It changes this stage and those after it, not earlier ones");
    /** Ceilings the runtime can carry out: counts are Java ints, tensors stay below 2^31 elements. */
    private static final Type COUNT = Types.wholeBetween(1, Integer.MAX_VALUE);
    private static final Type PIXELS = Types.wholeBetween(1, 8192);
    private static final Type CHANNELS = Types.wholeBetween(1, 16384);
    private static final Type DEPTH = Types.wholeBetween(1, 256);
    private static final Type INT_LIST = new ListType(Types.wholeBetween(1, 4096), 1, 16);
    private static final Type INTERPOLATION = new ChoiceType("an interpolation", List.of("bilinear", "bicubic"));

    // ------------------------------------------------------------------ families

    public static final Family ARCHITECTURES = Family.of("architecture", "a model architecture",
            CallSpec.of("resnet", "ResNet with basic blocks",
                    optional("depths", new ListType(DEPTH, 4, 4), ints(2, 2, 2, 2)),
                    optional("widths", new ListType(CHANNELS, 4, 4), ints(64, 128, 256, 512))),
            CallSpec.of("resnet18", "torchvision resnet18"),
            CallSpec.of("resnet34", "torchvision resnet34"),
            CallSpec.of("mobilenet_v2", "MobileNetV2 with a width multiplier",
                    optional("width_mult", Types.positiveAtMost(16), num(1.0))),
            CallSpec.of("convnext", "ConvNeXt (V1) with any depths and dims",
                    optional("depths", new ListType(DEPTH, 4, 4), ints(3, 3, 9, 3)),
                    optional("dims", new ListType(CHANNELS, 4, 4), ints(96, 192, 384, 768)),
                    optional("stem", new Types.OrNone(PIXELS), sym("none"))),
            CallSpec.of("convnext_tiny", "ConvNeXt-T: depths [3, 3, 9, 3], dims [96, 192, 384, 768]"),
            CallSpec.of("deit", "DeiT (a ViT with a class token)",
                    optional("depth", DEPTH, num(12)),
                    optional("dim", CHANNELS, num(192)),
                    optional("heads", DEPTH, num(3)),
                    optional("patch", PIXELS, num(16)),
                    optional("mlp_ratio", Types.positiveAtMost(64), num(4))),
            CallSpec.of("deit_tiny", "DeiT-Tiny: depth 12, dim 192, 3 heads, patch 16"),
            CallSpec.of("onnx", "any classification model in an ONNX file (torch.onnx.export, opset 13-17; "
                    + "docs/models.md lists the torchvision models it reads): its graph and its weights, which "
                    + "the file keeps under weights none", required("path", Types.path())));

    public static final Family WEIGHTS = Family.of("weights", "a weights source (none, onnx(\"file\") or checkpoint(\"dir\"))",
            CallSpec.of("none", "random initialisation from the seed"),
            CallSpec.of("onnx", "a trained model exported to ONNX", required("path", Types.path())),
            CallSpec.of("checkpoint", "a checkpoint written by an earlier run", required("path", Types.path())));

    public static final Family DATASETS = Family.of("dataset", "a dataset",
            CallSpec.of("fashion_mnist", "Fashion-MNIST in IDX files (gzip or not)", required("path", Types.path()),
                    optional("max_train", new Types.OrNone(COUNT), sym("none")),
                    optional("max_test", new Types.OrNone(COUNT), sym("none"))),
            CallSpec.of("mnist", "MNIST in IDX files (gzip or not)", required("path", Types.path()),
                    optional("max_train", new Types.OrNone(COUNT), sym("none")),
                    optional("max_test", new Types.OrNone(COUNT), sym("none"))),
            CallSpec.of("image_folder", "train/ and val/ folders with one subfolder per class", required("path", Types.path())));

    public static final Family AUGMENTATIONS = Family.of("augmentation", "an augmentation",
            CallSpec.of("random_crop", "pad, then crop at a random place", required("size", PIXELS),
                    optional("padding", Types.wholeBetween(0, 8192), num(0))),
            CallSpec.of("random_resized_crop", "crop a random area and aspect ratio, then resize", required("size", PIXELS),
                    optional("min_scale", Types.between(0.01, 1, true), num(0.08)), optional("interpolation", INTERPOLATION, sym("bilinear"))),
            CallSpec.of("hflip", "flip left-right with probability p", optional("p", Types.between(0, 1, true), num(0.5))));

    public static final Family PREPROCESSING = Family.of("preprocessing", "a preprocessing step",
            CallSpec.of("resize", "resize the shorter side (as torchvision's Resize on PIL images)", required("size", PIXELS),
                    optional("interpolation", INTERPOLATION, sym("bilinear"))),
            CallSpec.of("center_crop", "crop the centre", required("size", PIXELS)),
            CallSpec.of("normalize", "subtract the mean and divide by the std, per channel",
                    required("mean", new ListType(Types.atLeastAtMost(-1e9, 1e9), 1, 4)),
                    required("std", new ListType(Types.positiveAtMost(1e9), 1, 4))));

    public static final Family OPTIMIZERS = Family.of("optimizer", "an optimizer",
            CallSpec.of("sgd", "SGD with momentum", optional("lr", Types.positiveAtMost(100), num(0.1)),
                    optional("momentum", Types.between(0, 1, false), num(0.9)),
                    optional("weight_decay", Types.atLeastAtMost(0, 100), num(0)),
                    optional("nesterov", new ChoiceType("a switch", List.of("true", "false")), sym("false"))),
            CallSpec.of("adamw", "AdamW", optional("lr", Types.positiveAtMost(100), num(1e-3)),
                    optional("weight_decay", Types.atLeastAtMost(0, 100), num(0.05)),
                    optional("beta1", Types.between(0, 1, false), num(0.9)),
                    optional("beta2", Types.between(0, 1, false), num(0.999))));

    public static final Family SCHEDULES = Family.of("schedule", "a learning-rate schedule",
            CallSpec.of("constant", "the optimizer's lr throughout",
                    optional("warmup", Types.duration(), new Value.Num(0, Unit.STEPS))),
            CallSpec.of("cosine", "cosine decay to min_lr",
                    optional("warmup", Types.duration(), new Value.Num(0, Unit.STEPS)),
                    optional("min_lr", Types.atLeastAtMost(0, 100), num(0))),
            CallSpec.of("step", "multiply by gamma every period",
                    required("every", Types.duration()),
                    optional("gamma", Types.between(0, 1, true), num(0.1)),
                    optional("warmup", Types.duration(), new Value.Num(0, Unit.STEPS))));

    public static final Family SAMPLERS = Family.of("sampler", "a supernet sampling rule",
            CallSpec.of("uniform", "each candidate takes its pruned form with probability p, each step",
                    optional("p", Types.between(0, 1, true), num(0.5))),
            CallSpec.of("exact", "exactly as many candidates as the space prunes take their pruned form, each step"));

    public static final Family PROGRESSIONS = Family.of("progression", "a λ schedule",
            CallSpec.of("linear", "λ moves linearly from `from` to `to`, reaching it at `until`",
                    optional("from", Types.between(0, 1, true), num(0)),
                    optional("to", Types.between(0, 1, true), num(1)),
                    required("until", Types.duration())),
            CallSpec.of("cosine", "λ follows a half cosine from `from` to `to`, reaching it at `until`",
                    optional("from", Types.between(0, 1, true), num(0)),
                    optional("to", Types.between(0, 1, true), num(1)),
                    required("until", Types.duration())),
            CallSpec.of("immediate", "λ = 1 from the first step: direct pruning, the ablation without progression"));

    public static final Family DEVICES = Family.of("device", "a training device (cpu or gpu(N))",
            CallSpec.of("cpu", "the CPU"),
            CallSpec.of("gpu", "GPU number `index`, with DJL's GPU native library", optional("index", Types.wholeBetween(0, 1023), num(0))));

    public static final Family EXECUTORS = Family.of("executor", "where the search scores its candidate sets",
            CallSpec.of("local", "in this process, one set after the other"),
            CallSpec.of("spark", "as Apache Spark tasks on the cluster at `master` (spark://HOST:7077, k8s://..., local[N]); see docs/spark.md",
                    required("master", new Types.StringType("a Spark master URL in quotes"))));

    /** A whole number of epochs, at least 1: {@code over: 2 epochs}. */
    private static final Type WHOLE_EPOCHS = new Types.NumberType("a whole number of epochs such as '2 epochs'", 1, true, 1_000_000,
            true, true, EnumSet.of(Unit.EPOCHS));

    public static final Family STOPPING_RULES = Family.of("stopping rule", "when a stage may stop before its length",
            CallSpec.of("converged", "stop once validation top-1 has moved less than `delta` points in each of the last `over` "
                            + "epochs (measured after every epoch; the stage's length is then the most it trains)",
                    optional("delta", Types.atLeastAtMost(0, 100), num(0.2)),
                    optional("over", WHOLE_EPOCHS, new Value.Num(2, Unit.EPOCHS))));

    public static final Family EXPORT_FORMATS = Family.of("export format", "an export format",
            CallSpec.of("onnx", "one ONNX graph of the merged model", required("path", Types.path())));

    public static final List<Family> FAMILIES = List.of(ARCHITECTURES, WEIGHTS, DATASETS, AUGMENTATIONS, PREPROCESSING,
            OPTIMIZERS, SCHEDULES, SAMPLERS, PROGRESSIONS, DEVICES, EXECUTORS, EXPORT_FORMATS, STOPPING_RULES);

    // ------------------------------------------------------------------ sections

    /** The family of a section's subject ({@code model convnext(...)}), or null where the subject is a plain name or absent. */
    public static Family subjectFamily(SectionKind kind) {
        return switch (kind) {
            case MODEL -> ARCHITECTURES;
            case DATA -> DATASETS;
            case EXPORT -> EXPORT_FORMATS;
            default -> null;
        };
    }

    /** The names a section's subject may take where it is a plain name: train stages, search strategies. */
    public static List<String> subjectNames(SectionKind kind) {
        return switch (kind) {
            case TRAIN -> TRAIN_STAGES;
            case SEARCH -> SEARCH_STRATEGIES;
            default -> List.of();
        };
    }

    public static final Map<SectionKind, List<SettingSpec>> SECTIONS = sections();

    /** Settings of the recipe itself, outside any section. */
    public static final List<SettingSpec> RECIPE_SETTINGS = List.of(
            SettingSpec.optional("seed", Types.wholeBetween(0, 1L << 53), num(0), "seeds initialisation, shuffling, sampling and search"),
            SettingSpec.required("merge", new Types.Reference("rules"), "the rule set that collapses pruned blocks, e.g. updp.merge"));

    private static Map<SectionKind, List<SettingSpec>> sections() {
        Map<SectionKind, List<SettingSpec>> sections = new LinkedHashMap<>();
        sections.put(SectionKind.MODEL, List.of(
                SettingSpec.required("input", new ListType(PIXELS, 3, 3), "input shape [channels, height, width]"),
                SettingSpec.required("classes", Types.wholeBetween(2, 1_000_000), "number of classes"),
                SettingSpec.optional("weights", new Types.CallType(WEIGHTS), new Value.Fn("none", Map.of()), "where the weights come from")));
        sections.put(SectionKind.DATA, List.of(
                SettingSpec.optional("batch", Types.wholeBetween(1, 65536), num(64), "batch size for training and evaluation"),
                SettingSpec.optional("val", new Types.CountOrPercent(), new Value.Num(10, Unit.PERCENT),
                                "held-out examples for search scoring and validation")
                        .withClause(ClauseSpec.optional("from", new ChoiceType("split", List.of("train")), sym("train"))),
                SettingSpec.optional("augment", new Types.CallType(AUGMENTATIONS), new Value.Lst(List.of()), "training augmentations").asList(),
                SettingSpec.optional("preprocess", new Types.CallType(PREPROCESSING), new Value.Lst(List.of()),
                        "preprocessing for every split").asList(),
                SettingSpec.optional("workers", Types.wholeBetween(1, 256), num(2), "background loader threads; not in any stage's hash: batches come out in the same order whatever their number")));
        Types.Budget.BoundSpec ratio = new Types.Budget.BoundSpec(EnumSet.of(Unit.TIMES_BASELINE),
                "a ratio to the baseline, such as '0.8 x baseline'");
        Map<String, Types.Budget.BoundSpec> bounds = new LinkedHashMap<>();
        bounds.put("macs", ratio);
        bounds.put("params", ratio);
        bounds.put("latency", new Types.Budget.BoundSpec(EnumSet.of(Unit.TIMES_BASELINE, Unit.MILLISECONDS),
                "a time such as '5 ms', or a ratio to the baseline such as '0.8 x baseline'"));
        Type budget = new Types.Budget(bounds);
        sections.put(SectionKind.TRAIN, List.of(
                SettingSpec.absentUnlessWritten("epochs", Types.positiveAtMost(1e6), "length of the stage in epochs (or give steps)"),
                SettingSpec.absentUnlessWritten("steps", Types.wholeBetween(1, 1_000_000_000_000L), "length of the stage in steps (or give epochs)"),
                SettingSpec.absentUnlessWritten("until", new Types.CallType(STOPPING_RULES),
                        "the stage's length becomes the most it trains: `epochs 12` with `until converged(delta: 0.2, over: 2 epochs)` "
                                + "stops after the first epoch at which validation top-1 has converged, at the latest after 12. Not "
                                + "written: the whole length. The learning-rate schedule still spans the whole length, so a stage that "
                                + "stops early stops partway down it").onlyIn("baseline"),
                SettingSpec.optional("optimizer", new Types.CallType(OPTIMIZERS), fn("adamw"), "the optimizer"),
                SettingSpec.optional("schedule", new Types.CallType(SCHEDULES), fn("constant"), "the learning-rate schedule"),
                SettingSpec.optional("sample", new Types.CallType(SAMPLERS), fn("uniform"), "which candidates are pruned at each step")
                        .onlyIn("supernet"),
                SettingSpec.required("progressive", new Types.CallType(PROGRESSIONS), "how λ moves from 0 to 1").onlyIn("subnet"),
                SettingSpec.optional("label_smoothing", Types.between(0, 1, false), num(0), "label smoothing of the loss"),
                SettingSpec.optional("clip_grad", new Types.OrNone(Types.positiveAtMost(1e9)), sym("none"), "clip the gradient norm"),
                SettingSpec.optional("init", new ChoiceType("starting point", List.of("baseline", "supernet")), sym("supernet"),
                        "where the subnet's weights start: the supernet, whose blocks already trained in their pruned form "
                                + "(default; a recipe without train supernet starts from the baseline), or the trained baseline. "
                                + "examples/experiments/convnext_p8.prune measured both, 6 seeds each, 8 of 12 blocks pruned: "
                                + "from the supernet the subnet ends about 3 points of test top-1 higher").onlyIn("subnet"),
                STAGE_SEED));
        sections.put(SectionKind.SPACE, List.of(
                SettingSpec.required("blocks", new Types.Selector(), "the candidate blocks (globs)").asList()
                        .withClause(ClauseSpec.list("except", new Types.Selector())),
                SettingSpec.required("prune", new Types.CountOrRange(), "how many blocks to prune")
                        .withClause(ClauseSpec.list("where", budget)),
                SettingSpec.required("transform", new Types.Reference("transform"), "the block transform, e.g. updp.block")));
        sections.put(SectionKind.SEARCH, List.of(
                SettingSpec.optional("population", Types.wholeBetween(1, 100_000), num(16),
                        "candidates per generation (evolution), or sets drawn (random)").onlyIn("evolution", "random"),
                SettingSpec.optional("generations", Types.wholeBetween(1, 10_000), num(6), "generations").onlyIn("evolution"),
                SettingSpec.optional("mutation", Types.between(0, 1, true), num(0.2), "probability that a chosen block is swapped")
                        .onlyIn("evolution"),
                SettingSpec.optional("score", new ChoiceType("score", List.of("top1", "loss")), sym("top1"), "what ranks candidates")
                        .withClause(ClauseSpec.optional("on", new ChoiceType("split", List.of("val", "train")), sym("val"))),
                SettingSpec.optional("batches", new Types.OrNone(COUNT), sym("none"),
                        "score each candidate on this many batches of the split; none: all"),
                SettingSpec.optional("recalibrate", new Types.OrNone(BATCH_COUNT), new Value.Num(8, Unit.BATCHES),
                        "recompute BatchNorm statistics for each candidate from this many training batches before scoring it "
                                + "(one-shot search practice: statistics shared by every candidate misjudge them); none: keep the shared ones"),
                STAGE_SEED));
        sections.put(SectionKind.EXPORT, List.of(
                SettingSpec.optional("opset", Types.wholeBetween(MIN_OPSET, MAX_OPSET), num(17), "ONNX opset; 17 is the only one: the exporter writes LayerNormalization, which needs opset 17"),
                SettingSpec.clausesOnly("verify", "tolerance of ONNX Runtime against the merged model")
                        .withClause(ClauseSpec.optional("atol", Types.positiveAtMost(1e9), num(1e-4))),
                SettingSpec.clausesOnly("bench", "batch sizes of the latency benchmark")
                        .withClause(ClauseSpec.optional("batch", INT_LIST, ints(1))),
                SettingSpec.optional("runs", Types.wholeBetween(1, 100_000), num(20), "timed runs per model and batch")));
        sections.put(SectionKind.RUNTIME, List.of(
                SettingSpec.optional("device", new Types.CallType(DEVICES), fn("cpu"), "where DJL trains"),
                SettingSpec.optional("provider", new ChoiceType("execution provider", List.of("cpu", "rocm", "cuda")), sym("cpu"),
                        "ONNX Runtime's execution provider"),
                SettingSpec.optional("threads", new Types.OrNone(Types.wholeBetween(1, 1024)), sym("none"), "intra-op CPU threads of DJL's PyTorch and of ONNX Runtime; none: the engines' default (all cores). Not in any stage's hash (it changes float rounding only, not what is computed); each stage's done.json records it"),
                SettingSpec.optional("fallback", new ChoiceType("fallback", List.of("none", "cpu")), sym("none"),
                        "what to do when the device or provider is missing: stop (none), or run on cpu"),
                SettingSpec.optional("executor", new Types.CallType(EXECUTORS), fn("local"), "where the search scores candidates")));
        return sections;
    }

    private static Value fn(String name) {
        return new Value.Fn(name, Map.of());
    }

    /** The recipe sections every recipe must have. */
    public static final Set<SectionKind> REQUIRED_SECTIONS = EnumSet.of(SectionKind.MODEL, SectionKind.DATA, SectionKind.SPACE,
            SectionKind.SEARCH, SectionKind.EXPORT);

    /** Verbs of a {@code transform} declaration, and what each may name. */
    public static final Map<String, List<String>> TRANSFORM_VERBS = Map.of(
            "replace", List.of("relu", "relu6", "gelu", "silu", "hardswish", "layernorm", "groupnorm", "batchnorm"),
            "append", List.of("batchnorm", "activation"),
            // What happens to a gate x · Sigmoid(…) (squeeze-and-excitation); saying nothing refuses such blocks.
            "keep", List.of("gates"),
            "remove", List.of("gates"),
            "refuse", List.of("gates"));

    /** Replacements a {@code replace ... -> X} may name. */
    public static final List<String> REPLACEMENTS = List.of("identity", "batchnorm");

    /** Verbs of a {@code rules} declaration, and what each may name. */
    public static final Map<String, List<String>> RULE_VERBS = Map.of(
            "fold", List.of("batchnorm"),
            "compose", List.of("conv", "linear"),
            "absorb", List.of("residual"));

    /** Metrics a rule's condition may bound; bounds are ratios ({@code 1.5 x}) to the block before merging. */
    public static final List<String> RULE_METRICS = List.of("macs", "params", "layers");

    // ------------------------------------------------------------------ documentation
    // Kept apart from the entries above so that documenting an entry never touches the line that declares it.
    // docs/language.md, the editor's hover and completion read these; a test checks that every section,
    // unit and argument has one, and none names an entry that does not exist.

    /** What each section is for. */
    public static final Map<SectionKind, String> SECTION_DOCS = Map.of(
            SectionKind.MODEL, "The base model: an architecture of the zoo (its arguments set depth and width), its input shape, "
                    + "its class count, and where its weights come from.",
            SectionKind.DATA, "The dataset, its batch size, the held-out split used for search and validation, augmentations and preprocessing.",
            SectionKind.TRAIN, "One training stage: `train baseline` (the unpruned model), `train supernet` (every candidate "
                    + "in both forms, sharing weights) or `train subnet` (the chosen blocks move from baseline form to pruned form as λ goes 0 → 1).",
            SectionKind.SPACE, "The search space: which blocks are candidates (globs over the model's block names), how many to prune, "
                    + "under which budget, and the transform that prunes a block.",
            SectionKind.SEARCH, "How the blocks to prune are chosen: `evolution`, `exhaustive` or `random`, scored with the supernet's weights.",
            SectionKind.EXPORT, "The export of the merged model, its verification in ONNX Runtime against the merged graph, and its latency benchmark.",
            SectionKind.RUNTIME, "Where training and the exported model run: DJL's device, ONNX Runtime's execution provider, threads.");

    /** How the paths a spec writes are read: the paragraph of the reference on paths. */
    public static final String PATHS_DOC = "A relative path in a spec (a dataset, `weights onnx(...)` or `checkpoint(...)`, "
            + "`model onnx(...)`, `export onnx(...)`) starts from the folder of the spec file that writes it, as an import does, "
            + "whichever folder prune runs in; a path in a `let` starts from the file of the `let`. An absolute path stays as "
            + "it is. A path given on the command line (`--set data.path=\"d\"`, `--set 'export=onnx(\"m.onnx\")'`) starts "
            + "from the working directory, where it was typed; so does `--out`. `prune plan` shows every path resolved. Paths "
            + "are not part of a stage's hash; the content of the files they name is, so the same spec run from another "
            + "folder, or moved with its files, reuses its stages.";

    /** What each unit means after a number. */
    public static final Map<Unit, String> UNIT_DOCS = Map.of(
            Unit.EPOCHS, "passes over the training split (`epoch` is accepted too); fractions are allowed: `0.5 epochs`",
            Unit.STEPS, "optimizer steps, one per batch (`step` is accepted too)",
            Unit.TIMES, "a ratio to the block before merging, in merge rules: `macs <= 1.5 x`",
            Unit.TIMES_BASELINE, "a ratio to the unpruned model, in budgets: `macs <= 0.8 x baseline`",
            Unit.MILLISECONDS, "milliseconds of measured latency",
            Unit.PERCENT, "a percentage, e.g. of the training split: `val 10%`",
            Unit.BATCHES, "a count of batches: `recalibrate 8 batches`");

    /** The documentation of each call's arguments, keyed "family call argument" (e.g. "optimizer sgd lr"). */
    public static final Map<String, String> ARGUMENT_DOCS = Map.ofEntries(
            Map.entry("architecture resnet depths", "basic blocks in each of the four stages"),
            Map.entry("architecture resnet widths", "channels of each of the four stages"),
            Map.entry("architecture mobilenet_v2 width_mult", "multiplies every layer's channels (rounded to multiples of 8)"),
            Map.entry("architecture convnext depths", "blocks in each of the four stages"),
            Map.entry("architecture convnext dims", "channels of each of the four stages"),
            Map.entry("architecture convnext stem", "the stem's patch size; none: 4, or the largest of 2 and 1 that leaves a pixel after the downsamplings"),
            Map.entry("architecture deit depth", "transformer blocks"),
            Map.entry("architecture deit dim", "embedding width"),
            Map.entry("architecture deit heads", "attention heads"),
            Map.entry("architecture deit patch", "patch size in pixels"),
            Map.entry("architecture deit mlp_ratio", "hidden width of each MLP as a multiple of dim"),
            Map.entry("architecture onnx path", "the ONNX file of the model, relative to the spec"),
            Map.entry("weights onnx path", "the ONNX file, relative to the spec"),
            Map.entry("weights checkpoint path", "the checkpoint folder, relative to the spec"),
            Map.entry("dataset fashion_mnist path", "the folder holding the four IDX files, relative to the spec"),
            Map.entry("dataset fashion_mnist max_train", "use only the first N training examples; none: all"),
            Map.entry("dataset fashion_mnist max_test", "use only the first N test examples; none: all"),
            Map.entry("dataset mnist path", "the folder holding the four IDX files, relative to the spec"),
            Map.entry("dataset mnist max_train", "use only the first N training examples; none: all"),
            Map.entry("dataset mnist max_test", "use only the first N test examples; none: all"),
            Map.entry("dataset image_folder path", "the folder holding train/ and val/, relative to the spec"),
            Map.entry("augmentation random_crop size", "side of the square crop in pixels"),
            Map.entry("augmentation random_crop padding", "zero padding added on each side before cropping"),
            Map.entry("augmentation random_resized_crop size", "side of the square output in pixels"),
            Map.entry("augmentation random_resized_crop min_scale", "smallest fraction of the image's area a crop may cover"),
            Map.entry("augmentation random_resized_crop interpolation", "how the crop is resized: bilinear or bicubic, antialiased when shrinking, as PIL does"),
            Map.entry("augmentation hflip p", "probability of a flip"),
            Map.entry("preprocessing resize size", "length of the shorter side after resizing, in pixels"),
            Map.entry("preprocessing resize interpolation", "bilinear or bicubic, antialiased when shrinking, as torchvision's Resize on PIL images"),
            Map.entry("preprocessing center_crop size", "side of the square crop in pixels"),
            Map.entry("preprocessing normalize mean", "per-channel mean, subtracted"),
            Map.entry("preprocessing normalize std", "per-channel standard deviation, divided by"),
            Map.entry("optimizer sgd lr", "learning rate"),
            Map.entry("optimizer sgd momentum", "momentum factor"),
            Map.entry("optimizer sgd weight_decay", "L2 penalty added to the gradient"),
            Map.entry("optimizer sgd nesterov", "Nesterov momentum"),
            Map.entry("optimizer adamw lr", "learning rate"),
            Map.entry("optimizer adamw weight_decay", "decoupled weight decay"),
            Map.entry("optimizer adamw beta1", "decay of the first-moment estimate"),
            Map.entry("optimizer adamw beta2", "decay of the second-moment estimate"),
            Map.entry("schedule constant warmup", "linear warm-up from 0 over this duration"),
            Map.entry("schedule cosine warmup", "linear warm-up from 0 over this duration"),
            Map.entry("schedule cosine min_lr", "the learning rate at the end of the stage"),
            Map.entry("schedule step every", "the period between two decays"),
            Map.entry("schedule step gamma", "factor applied at each decay"),
            Map.entry("schedule step warmup", "linear warm-up from 0 over this duration"),
            Map.entry("sampler uniform p", "probability that a candidate takes its pruned form"),
            Map.entry("progression linear from", "λ at the first step"),
            Map.entry("progression linear to", "λ once `until` is reached"),
            Map.entry("progression linear until", "when λ reaches `to` (a duration within the stage)"),
            Map.entry("progression cosine from", "λ at the first step"),
            Map.entry("progression cosine to", "λ once `until` is reached"),
            Map.entry("progression cosine until", "when λ reaches `to` (a duration within the stage)"),
            Map.entry("device gpu index", "the GPU's number"),
            Map.entry("executor spark master", "the Spark master URL: spark://HOST:7077, k8s://https://HOST:PORT, local[N] or local-cluster[N,C,MB]"),
            Map.entry("stopping rule converged delta", "the largest move, in points of validation top-1 (0-100), that still counts as "
                    + "converged; 0 never stops early"),
            Map.entry("stopping rule converged over", "how many consecutive epoch-to-epoch moves must all be below delta; the "
                    + "stage trains at least one epoch more than this"),
            Map.entry("export format onnx path", "where the ONNX file is written, relative to the spec"));

    /** The documentation of an argument of a call. */
    public static String argumentDoc(Family family, Family.CallSpec call, Family.Param param) {
        return ARGUMENT_DOCS.getOrDefault(family.name() + " " + call.name() + " " + param.name(), "");
    }
}
