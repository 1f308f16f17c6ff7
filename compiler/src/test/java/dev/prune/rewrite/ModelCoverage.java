package dev.prune.rewrite;

import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import dev.prune.onnx.OnnxExporter;
import dev.prune.onnx.OnnxImporter;
import dev.prune.onnx.Ort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The coverage check of one exported classification model (torchvision's, exported by
 * {@code scripts/torchvision_models.py}): import, outputs against PyTorch's, blocks found and prunable, and the
 * chain's two guarantees with every prunable block transformed at once (λ = 0 equals the import; merged equals
 * the λ = 1 subnet), all run in ONNX Runtime. {@link #main} measures a folder of exports and writes the
 * table of {@code docs/models.md}; {@code ModelCoverageTest} runs the same check on a subset in the build.
 */
public final class ModelCoverage {

    /** Outputs against PyTorch's: max |a − b| / max |a|. */
    static final double PYTORCH_TOLERANCE = 1e-4;
    /** λ = 0 against the import: the same operators on the same values, up to ONNX Runtime's kernel choices. */
    static final double LAMBDA_ZERO_TOLERANCE = 1e-6;
    /** Merged against the λ = 1 subnet, as in the verification chain. */
    static final double MERGE_TOLERANCE = 1e-5;

    /** One model at one opset; {@code failure} is empty when every step ran. */
    record Result(String model, int opset, String imported, double pytorchError, int blocks, int prunable,
            String rejections, double lambdaZeroError, double mergeError, long baselineMacs, long mergedMacs,
            String failure, String chainNote) {

        Result(String model, int opset, String imported, double pytorchError, int blocks, int prunable, String rejections,
                double lambdaZeroError, double mergeError, long baselineMacs, long mergedMacs, String failure) {
            this(model, opset, imported, pytorchError, blocks, prunable, rejections, lambdaZeroError, mergeError, baselineMacs,
                    mergedMacs, failure, "");
        }

        boolean importsAndMatches() {
            return imported.equals("ok") && pytorchError <= PYTORCH_TOLERANCE;
        }

        /** False for a model whose chain was not run (failed, out of memory, or an import-only pass). */
        boolean chainMeasured() {
            return !Double.isNaN(lambdaZeroError) || !failure.isEmpty();
        }

        boolean chainHolds() {
            return prunable == 0 || (lambdaZeroError <= LAMBDA_ZERO_TOLERANCE && mergeError <= MERGE_TOLERANCE);
        }

        String line() {
            return String.join("\t", model, Integer.toString(opset), clean(imported), num(pytorchError),
                    Integer.toString(blocks), Integer.toString(prunable), clean(rejections), num(lambdaZeroError),
                    num(mergeError), Long.toString(baselineMacs), Long.toString(mergedMacs), clean(failure), clean(chainNote));
        }

        static Result parse(String line) {
            String[] f = line.split("\t", -1);
            return new Result(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), f[6], Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                    Long.parseLong(f[9]), Long.parseLong(f[10]), f[11], f.length > 12 ? f[12] : "");
        }

        private static String num(double v) {
            return String.format(Locale.ROOT, "%.3g", v);
        }

        private static String clean(String s) {
            return s.replace('\t', ' ').replace('\n', ' ');
        }
    }

    private ModelCoverage() {
    }

    /** Checks {@code <dir>/<model>_op<opset>.onnx} against {@code <dir>/<model>.ref}. */
    static Result check(Path dir, String model, int opset) {
        return check(dir, model, opset, true);
    }

    /** As {@link #check(Path, String, int)}; without {@code chain}, only the import and its outputs are checked. */
    static Result check(Path dir, String model, int opset, boolean chain) {
        Path file = dir.resolve(model + "_op" + opset + ".onnx");
        Tensor[] ref = readReference(dir.resolve(model + ".ref"));
        Graph imported;
        try {
            imported = OnnxImporter.read(file);
        } catch (RuntimeException e) {
            return new Result(model, opset, reason(e), Double.NaN, 0, 0, "", Double.NaN, Double.NaN, 0, 0, "");
        }
        double pytorchError = Double.NaN;
        int blocks = 0;
        int prunable = 0;
        String rejections = "";
        double zero = Double.NaN;
        double merge = Double.NaN;
        long baselineMacs = CostModel.of(imported).macs();
        long mergedMacs = 0;
        String failure = "";
        String chainNote = "";
        try {
            Tensor importedOut = run(imported, ref[0]);
            pytorchError = TestModels.relativeError(ref[1], importedOut);
            List<Block> found = BlockFinder.find(imported);
            blocks = found.size();
            List<String> names = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (Block b : found) {
                if (b.isCandidate()) {
                    names.add(b.name());
                } else {
                    why.add(b.rejection().orElse("?"));
                }
            }
            prunable = names.size();
            rejections = summarize(why);
            if (chain && !names.isEmpty()) {
                Graph transformed = TestModels.randomizeNew(TestModels.transform().apply(imported, names, 0), imported,
                        29);
                zero = TestModels.relativeError(importedOut, run(transformed, ref[0]));
                Graph atOne = Transform.withLambda(transformed, 1);
                Graph merged = TestModels.rules().merge(atOne).graph();
                mergedMacs = CostModel.of(merged).macs();
                Graph frozen = Transform.freeze(atOne);
                Tensor atOneOut = run(frozen, ref[0]);
                merge = TestModels.relativeError(atOneOut, run(merged, ref[0]));
                if (merge > MERGE_TOLERANCE) {
                    // Float32 cannot compare two graphs whose output a rounding-sized change of the input moves by more
                    // than the bound: then the merge is checked where the comparison means something, a group at a time.
                    double sensitivity = TestModels.relativeError(atOneOut, run(frozen, perturbed(ref[0], 1e-6)));
                    if (sensitivity > MERGE_TOLERANCE) {
                        double allAtOnce = merge;
                        merge = 0;
                        for (int from = 0; from < names.size(); from += GROUP) {
                            List<String> group = names.subList(from, Math.min(names.size(), from + GROUP));
                            Graph one = Transform.withLambda(
                                    TestModels.randomizeNew(TestModels.transform().apply(imported, group, 0), imported, 29), 1);
                            merge = Math.max(merge, TestModels.relativeError(run(Transform.freeze(one), ref[0]),
                                    run(TestModels.rules().merge(one).graph(), ref[0])));
                        }
                        chainNote = String.format(Locale.ROOT, "with all %d blocks at λ = 1 the graph is ill-conditioned: a 1e-6 "
                                + "relative change of the input moves its output by %.1e, and merged vs λ = 1 is %.1e; merged vs "
                                + "λ = 1 above is the largest over groups of %d consecutive blocks", names.size(), sensitivity,
                                allAtOnce, GROUP);
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            failure = reason(e);
        } catch (OutOfMemoryError e) {
            failure = "chain not measured: out of memory";
        }
        return new Result(model, opset, "ok", pytorchError, blocks, prunable, rejections, zero, merge, baselineMacs,
                mergedMacs, failure, chainNote);
    }

    /** Blocks transformed together when the whole model at λ = 1 is too ill-conditioned to compare in float32. */
    static final int GROUP = 8;

    /** The input with each value scaled by 1 + ε·N(0, 1), a fixed draw. */
    private static Tensor perturbed(Tensor x, double epsilon) {
        float[] d = x.toArray();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < d.length; i++) {
            d[i] *= (float) (1 + epsilon * random.nextGaussian());
        }
        return Tensor.of(d, x.shape());
    }

    private static Tensor run(Graph graph, Tensor input) {
        return Ort.runSingle(OnnxExporter.export(graph), input);
    }

    /** The distinct reasons, each with its count: "stride [2, 2] at … ×3". */
    private static String summarize(List<String> reasons) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String r : reasons) {
            counts.merge(r.replaceAll(" at .*", "").replaceAll("\\[\\?,", "[N,"), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((r, n) -> parts.add(r + (n > 1 ? " ×" + n : "")));
        return String.join("; ", parts);
    }

    /** The message on one line, each problem cut to {@value #REASON_LENGTH} characters (index lists run long). */
    private static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return String.join("; ", m.lines().map(String::strip)
                .map(l -> l.length() > REASON_LENGTH ? l.substring(0, REASON_LENGTH) + "…" : l).toList())
                .replaceFirst("^cannot import [^:]*: ", "");
    }

    private static final int REASON_LENGTH = 240;

    static Tensor[] readReference(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            return new Tensor[] {tensor(b), tensor(b)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor tensor(ByteBuffer b) {
        int[] shape = new int[b.getInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = b.getInt();
        }
        float[] data = new float[Math.toIntExact(Tensor.zeros(shape).size())];
        b.asFloatBuffer().get(data);
        b.position(b.position() + 4 * data.length);
        return Tensor.of(data, shape);
    }

    /**
     * {@code ModelCoverage DIR TABLE.md}: checks every model listed in {@code DIR/models.txt} at every exported
     * opset (results cached in {@code DIR/<model>_op<N>.result}, so a second run only renders), then writes the
     * table.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        // -Dprune.coverage.chain=false: imports and outputs only (a first pass over many large models)
        boolean chain = !"false".equals(System.getProperty("prune.coverage.chain"));
        // -Dprune.coverage.opsets=17: the opsets to check in this run (the others are only rendered); empty: none
        List<Integer> opsets = java.util.Arrays.stream(System.getProperty("prune.coverage.opsets", "13,17").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        List<String> models = Files.readAllLines(dir.resolve("models.txt")).stream().filter(s -> !s.isBlank()).toList();
        List<String> exportFailures = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (String model : models) {
            Path status = dir.resolve(model + ".status");
            if (!Files.exists(status)) {
                continue;
            }
            String exported = Files.readString(status).strip();
            if (!exported.equals("ok")) {
                exportFailures.add(model + "\t" + exported);
                continue;
            }
            for (int opset : new int[] {13, 17}) {
                Path cached = dir.resolve(model + "_op" + opset + ".result");
                if (!Files.exists(cached) && opsets.contains(opset)
                        && Files.exists(dir.resolve(model + "_op" + opset + ".onnx"))) {
                    Result r;
                    try {
                        r = check(dir, model, opset, chain && opset == 17);
                    } catch (OutOfMemoryError e) {
                        r = new Result(model, opset, "not measured: out of memory", Double.NaN, 0, 0, "", Double.NaN,
                                Double.NaN, 0, 0, "");
                    }
                    Files.writeString(cached, r.line() + "\n", StandardCharsets.UTF_8);
                    System.out.println(r.line());
                }
                if (Files.exists(cached)) {
                    results.add(Result.parse(Files.readString(cached).replace("\n", "")));
                }
            }
        }
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), CoverageTable.render(models, results, exportFailures));
        }
    }
}
