package dev.prune.plan;

import dev.prune.lang.CheckedRecipe;
import dev.prune.rewrite.RuleDecl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a checked recipe into a plan: binds every value through {@link Bindings} to the stages' records,
 * decides which stages run, in which order, what each one reads, and the content hash of each. The hash of
 * a stage covers its parameters' values as bound (not where they were written, so reformatting changes
 * nothing), the shared parts it uses, and its inputs' hashes, so a change invalidates its stage and every
 * stage after it. Runtime settings (device, threads) and {@link #HASH_NEUTRAL} settings are left out: they
 * change how fast a stage runs, not what it computes.
 */
public final class Planner {

    /**
     * Settings outside the runtime section that no stage's hash covers: {@code data.workers} only decides how
     * many threads decode batches, and the loader hands batches out in the same order whatever their number
     * ({@code BatchLoaderTest.oneWorkerAndTwoMakeTheSameBatches}), so the weights come out byte-identical.
     */
    static final Set<String> HASH_NEUTRAL = Set.of("data.workers");

    private Planner() {
    }

    /** The plan, with the digests of its input files cached in the user's cache ({@link ContentDigests#userCache()}). */
    public static Plan plan(CheckedRecipe recipe) {
        ContentDigests digests = ContentDigests.userCache();
        Plan plan = plan(recipe, digests, new LinkedHashSet<>());
        digests.save();
        return plan;
    }

    public static Plan plan(CheckedRecipe recipe, ContentDigests digests) {
        return plan(recipe, digests, new LinkedHashSet<>());
    }

    /** The plan, with every path the bindings asked for collected in {@code asked} (for the test that walks the catalogue). */
    static Plan plan(CheckedRecipe recipe, ContentDigests digests, Set<String> asked) {
        Map<String, Param> read = new LinkedHashMap<>();
        Reader in = Reader.of(recipe.params(), read, asked);
        long seed = Bindings.seed(in);
        ModelPlan model = Bindings.model(in.section("model"));
        DataPlan data = Bindings.data(in.section("data"));
        RuntimePlan runtime = Bindings.runtime(in.section("runtime"));
        Optional<TrainSpec> baseline = train(recipe, in, "baseline");
        Optional<TrainSpec> supernet = train(recipe, in, "supernet");
        TrainSpec subnet = train(recipe, in, "subnet").orElseThrow(() -> new IllegalStateException("a checked recipe has train subnet"));
        SpacePlan space = Bindings.space(in.section("space"));
        SearchPlan search = Bindings.search(in.section("search"));
        String merge = Bindings.merge(in);
        ExportPlan export = Bindings.export(in.section("export"));
        Map<String, Param> params = inRecipeOrder(recipe, read);
        RuleDecl transform = RuleDecls.of(recipe.transform());
        RuleDecl rules = RuleDecls.of(recipe.rules());

        List<Param> shared = select(params, "seed", "model", "data", "runtime");
        // The files stages read enter their hashes by content: the dataset every stage that uses the data, the
        // imported weights the baseline. (Imported specs enter through what they declare: values and rule sets.)
        InputFile dataFiles = new InputFile(data.source().path(), digests.digest(Path.of(data.source().path())), List.of());
        Optional<InputFile> weightFiles = weightsPath(model).map(p -> new InputFile(p, digests.digest(Path.of(p)), List.of("baseline")));
        // An architecture read from a file (model onnx("m.onnx")): its graph and weights, by content, for every stage using the model.
        Optional<String> modelPath = architecturePath(model);
        Optional<String> modelDigest = modelPath.map(p -> digests.digest(Path.of(p)));
        Map<String, Object> sharedContent = new LinkedHashMap<>();
        sharedContent.put("seed", values(params, "seed"));
        Map<String, Object> modelContent = values(params, "model");
        modelDigest.ifPresent(d -> modelContent.put("files", d));
        sharedContent.put("model", modelContent);
        Map<String, Object> dataContent = values(params, "data");
        dataContent.put("files", dataFiles.sha256());
        sharedContent.put("data", dataContent);
        sharedContent.put("transform", ruleSetContent(transform));
        sharedContent.put("rules", ruleSetContent(rules));

        List<Stage> stages = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        boolean hardActivations = modelPath.isPresent() && hasHardActivations(model);
        add(stages, hashes, sharedContent, "baseline", baseline.isPresent() ? StageKind.TRAIN_BASELINE : StageKind.IMPORT_WEIGHTS,
                List.of(), List.of("seed", "model", "data"), select(params, "model.weights", "train.baseline"),
                weightFiles.map(InputFile::sha256).orElse(null), baseline.flatMap(b -> numericsRevision(b, hardActivations)));
        String searchInput = "baseline";
        if (supernet.isPresent()) {
            add(stages, hashes, sharedContent, "supernet", StageKind.TRAIN_SUPERNET, List.of("baseline"),
                    List.of("seed", "model", "data", "transform"), select(params, "train.supernet", "space"), null,
                    numericsRevision(supernet.get(), hardActivations));
            searchInput = "supernet";
        }
        add(stages, hashes, sharedContent, "search", StageKind.SEARCH, List.of(searchInput),
                List.of("seed", "model", "data", "transform"), select(params, "search", "space"), null);
        // The subnet starts from the weights its `init` names (the supernet by default, the baseline when there is
        // none); only that stage is its input.
        String subnetStart = subnet.init().orElse(TrainSpec.Init.SUPERNET) == TrainSpec.Init.SUPERNET && supernet.isPresent()
                ? "supernet" : "baseline";
        add(stages, hashes, sharedContent, "subnet", StageKind.TRAIN_SUBNET, List.of("search", subnetStart),
                List.of("seed", "model", "data", "transform"), select(params, "train.subnet"), null, numericsRevision(subnet, hardActivations));
        add(stages, hashes, sharedContent, "merge", StageKind.MERGE, List.of("subnet"), List.of("rules"), select(params, "merge"), null);
        add(stages, hashes, sharedContent, "export", StageKind.EXPORT, List.of("merge"), List.of("data"), select(params, "export"), null);
        List<InputFile> files = new ArrayList<>();
        files.add(new InputFile(dataFiles.path(), dataFiles.sha256(),
                stages.stream().filter(s -> s.uses().contains("data")).map(Stage::name).toList()));
        modelPath.ifPresent(p -> files.add(new InputFile(p, modelDigest.orElseThrow(),
                stages.stream().filter(s -> s.uses().contains("model")).map(Stage::name).toList())));
        weightFiles.ifPresent(files::add);
        return new Plan(recipe.name(), recipe.file(), seed, model, data, runtime, transform, rules, baseline, supernet, space, search,
                subnet, merge, export, shared, files, stages, Optional.empty());
    }

    /** The file of an architecture given by a file ({@code onnx("m.onnx")}): its path argument, a file by the catalogue's type. */
    private static Optional<String> architecturePath(ModelPlan model) {
        return dev.prune.lang.Catalogue.ARCHITECTURES.call(model.architecture().name()).orElseThrow().params().stream()
                .filter(p -> p.type() instanceof dev.prune.lang.Types.PathType)
                .map(p -> (String) model.architecture().args().get(p.name()))
                .findFirst();
    }

    private static Optional<String> weightsPath(ModelPlan model) {
        if (model.weights() instanceof ModelPlan.WeightsSource.OnnxFile onnx) {
            return Optional.of(onnx.path());
        }
        if (model.weights() instanceof ModelPlan.WeightsSource.CheckpointDir checkpoint) {
            return Optional.of(checkpoint.path());
        }
        return Optional.empty();
    }

    private static Optional<TrainSpec> train(CheckedRecipe recipe, Reader in, String stage) {
        return recipe.trainStages().contains(stage) ? Optional.of(Bindings.train(in.section("train." + stage), stage)) : Optional.empty();
    }

    /** The bound values in the order the checker resolved them; a checked value that no binding read is a bug. */
    private static Map<String, Param> inRecipeOrder(CheckedRecipe recipe, Map<String, Param> read) {
        Map<String, Param> out = new LinkedHashMap<>();
        for (String path : recipe.params().keySet()) {
            Param param = read.get(path);
            if (param == null) {
                throw new IllegalStateException("no binding reads " + path + ": add its line to plan/Bindings");
            }
            out.put(path, param);
        }
        return out;
    }

    static Object ruleSetContent(RuleDecl set) {
        if (set == null) {
            return null;
        }
        List<Object> directives = new ArrayList<>();
        for (RuleDecl.Directive d : set.directives()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("verb", d.verb());
            out.put("targets", d.targets());
            out.put("replacement", d.replacement());
            out.put("progressively", d.progressively());
            out.put("where", d.where().stream().map(b -> {
                Map<String, Object> bound = new LinkedHashMap<>();
                bound.put("metric", b.metric().id());
                bound.put("op", b.relation().symbol());
                bound.put("bound", Reader.unitJson(b.ratio(), "x"));
                return (Object) bound;
            }).toList());
            directives.add(out);
        }
        return directives;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".");
    }

    private static List<Param> select(Map<String, Param> params, String... prefixes) {
        List<Param> out = new ArrayList<>();
        params.forEach((path, param) -> {
            for (String prefix : prefixes) {
                if (isUnder(path, prefix)) {
                    out.add(param);
                    break;
                }
            }
        });
        return out;
    }

    /** The values under a prefix, keyed relative to it ("" for the prefix itself): what the shared parts hash. */
    private static Map<String, Object> values(Map<String, Param> params, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((path, param) -> {
            if (HASH_NEUTRAL.contains(path)) {
                return;
            }
            if (path.equals(prefix)) {
                out.put("", param.hashed());
            } else if (path.startsWith(prefix + ".")) {
                out.put(path.substring(prefix.length() + 1), param.hashed());
            }
        });
        return out;
    }

    private static void add(List<Stage> stages, Map<String, String> hashes, Map<String, Object> shared, String name, StageKind kind,
            List<String> inputs, List<String> uses, List<Param> params, String files) {
        add(stages, hashes, shared, name, kind, inputs, uses, params, files, Optional.empty());
    }

    /**
     * Training whose backward pass reads a scalar operand: a subnet whose λ moves between 0 and 1 (the blend
     * multiplies by λ) or a stage with label smoothing. Until revision 2 the runtime read that scalar from freed
     * memory now and then (wrong, sometimes NaN gradients), so stages trained before the fix must not be reused:
     * the revision enters their hashes, and no other stage's.
     */
    static Optional<Integer> numericsRevision(TrainSpec spec, boolean hardActivations) {
        boolean blends = spec.progression().map(p -> p.kind() != ProgressionSpec.Kind.IMMEDIATE).orElse(false);
        return blends || hardActivations || spec.labelSmoothing() > 0 ? Optional.of(NUMERICS_REVISION) : Optional.empty();
    }

    /**
     * HardSwish and HardSigmoid (MobileNetV3, imported from a file) go through scalar operands in every training
     * step, so every training stage of such a model trained through the same fault. The zoo's own architectures
     * have neither; an imported graph is read once and cached for the checker and the runtime alike.
     */
    static boolean hasHardActivations(ModelPlan model) {
        dev.prune.ir.Graph graph = dev.prune.zoo.Zoo.build(model.architecture().name(), model.architecture().args(),
                dev.prune.zoo.ImageShape.of(model.channels(), model.height(), model.width()), model.classes());
        return graph.nodes().stream().anyMatch(n -> n.op() == dev.prune.ir.Op.HARD_SWISH || n.op() == dev.prune.ir.Op.HARD_SIGMOID);
    }

    static final int NUMERICS_REVISION = 2;

    private static void add(List<Stage> stages, Map<String, String> hashes, Map<String, Object> shared, String name, StageKind kind,
            List<String> inputs, List<String> uses, List<Param> params, String files, Optional<Integer> numerics) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("plan_version", Plan.FORMAT_VERSION);
        content.put("stage", name);
        content.put("kind", kind.id());
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach(p -> values.put(p.path(), p.hashed()));
        content.put("params", values);
        Map<String, Object> used = new LinkedHashMap<>();
        for (String use : uses) {
            used.put(use, shared.get(use));
        }
        content.put("uses", used);
        Map<String, Object> inputHashes = new LinkedHashMap<>();
        for (String input : inputs) {
            inputHashes.put(input, hashes.get(input));
        }
        content.put("inputs", inputHashes);
        if (files != null) {
            content.put("files", files);
        }
        numerics.ifPresent(revision -> content.put("numerics", revision));
        String hash = sha256(Json.compact(content));
        hashes.put(name, hash);
        stages.add(new Stage(name, kind, inputs, uses, params, hash));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
