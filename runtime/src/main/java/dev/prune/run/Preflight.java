package dev.prune.run;

import dev.prune.data.DataException;
import dev.prune.data.DataSpec;
import dev.prune.data.Dataset;
import dev.prune.data.ModelInput;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import dev.prune.plan.ModelPlan;
import dev.prune.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a run needs, resolved before any training: every input read and validated (the data files
 * parsed far enough to know the split sizes and image shapes, the trained weights loaded and compared with
 * the declared model), every output proven writable, and the values whose product the runtime must carry
 * out. A mistake is a {@link RunSetupException} naming the setting and where the spec (or --set) gave it.
 * {@code prune run --dry-run} stops after this; {@code prune run} starts from its result.
 */
public final class Preflight {

    /**
     * What the checks opened, handed to the run so nothing is read twice.
     *
     * @param lines one line per resolved input and output, for {@code --dry-run}
     */
    public record Report(Dataset data, Graph baseline, Path runFolder, Path export, List<String> lines) {
    }

    private Preflight() {
    }

    /** @param force whether an export may replace a file prune did not write */
    public static Report check(Plan plan, Path out, boolean force) throws RunSetupException {
        List<String> lines = new ArrayList<>();
        ModelInput input = modelInput(plan);
        DataSpec spec = DataSpec.from(plan.data(), plan.seed());
        long floatsPerBatch = (long) spec.batch() * input.volume();
        if (floatsPerBatch > Integer.MAX_VALUE) {
            throw new RunSetupException(plan.where("data.batch") + "data.batch " + spec.batch() + " of " + input.channels() + "x"
                    + input.height() + "x" + input.width() + " images is " + floatsPerBatch + " floats per batch, more than one array holds ("
                    + Integer.MAX_VALUE + "); lower data.batch");
        }

        Path runFolder = out.resolve(plan.recipe());
        OutputPaths.requireFolder(runFolder, "the run folder (--out)");
        lines.add("run folder: " + runFolder + " (writable)");
        // An experiment's control exports nothing: it only trains the baseline on.
        Path export = plan.stage("export").isPresent() ? exportPath(plan) : null;
        if (export != null) {
            OutputPaths.requireExportTarget(export, force, plan.where("export") + "export onnx(\"" + export + "\")");
            lines.add("export:     " + export + " (writable)");
        }

        Dataset data;
        try {
            data = Dataset.open(spec, input);
        } catch (DataException e) {
            throw new RunSetupException(plan.where("data") + e.getMessage(), e);
        }
        if (data.trainBatchesPerEpoch() < 1) {
            throw new RunSetupException(plan.where("data.val") + "data.val " + spec.val() + " leaves " + data.train().size()
                    + " training example" + (data.train().size() == 1 ? "" : "s") + " of " + (data.train().size() + data.val().size())
                    + ": an epoch would have no training step; hold out fewer examples");
        }
        if (data.val().size() < 1) {
            throw new RunSetupException(plan.where("data.val") + "data.val " + spec.val() + " of " + (data.train().size())
                    + " training examples holds out none; validation and search need at least one example");
        }
        lines.add("data:       " + data.description());

        Graph declared = Models.shapesOnly(plan);
        Graph baseline = Models.baseline(plan);
        ModelPlan.WeightsSource weights = plan.model().weights();
        String weightsName = weightsName(weights);
        if (weights instanceof ModelPlan.WeightsSource.OnnxFile file) {
            compare(declared, baseline, plan.where("model.weights") + "weights onnx(\"" + file.path() + "\")");
        } else if (weights instanceof ModelPlan.WeightsSource.CheckpointDir dir) {
            compare(declared, baseline, plan.where("model.weights") + "weights checkpoint(\"" + dir.path() + "\")");
        }
        if (export != null) {
            // The export writes the merged model and runs the baseline beside it in ONNX Runtime: both must fit one file.
            Optional<String> tooLarge = dev.prune.onnx.OnnxExporter.tooLarge(baseline);
            if (tooLarge.isPresent()) {
                throw new RunSetupException(plan.where("model") + "model " + declared.name() + ": " + tooLarge.get());
            }
        }
        lines.addAll(RunFolderCheck.check(plan, runFolder));
        lines.add(String.format(Locale.ROOT, "model:      %s, %,d parameters, input %dx%dx%d, %d classes, weights %s", declared.name(),
                CostModel.of(baseline).params(), input.channels(), input.height(), input.width(), input.classes(), weightsName));
        return new Report(data, baseline, runFolder, export, lines);
    }

    /** The export file, as the export stage resolves it. */
    static Path exportPath(Plan plan) {
        return Path.of(plan.export().onnx());
    }

    private static String weightsName(ModelPlan.WeightsSource weights) {
        if (weights instanceof ModelPlan.WeightsSource.OnnxFile) {
            return "onnx";
        }
        return weights instanceof ModelPlan.WeightsSource.CheckpointDir ? "checkpoint" : "none";
    }

    private static ModelInput modelInput(Plan plan) throws RunSetupException {
        try {
            return ModelInput.from(plan.model());
        } catch (IllegalArgumentException e) {
            throw new RunSetupException(plan.where("model.input") + "model.input: " + e.getMessage(), e);
        }
    }

    /**
     * Trained weights against the model section: the same input shape, class count, and the same parameters
     * with the same shapes. Block names alone let a resnet18 file pass for a narrower declared resnet.
     */
    static void compare(Graph declared, Graph loaded, String what) throws RunSetupException {
        Shape want = declared.inputs().get(0).shape();
        Shape have = loaded.inputs().get(0).shape();
        if (have.rank() != want.rank() || !tailEquals(want, have)) {
            throw new RunSetupException(what + " takes input " + dims(have) + ", but the model section declares input "
                    + dims(want) + "; set model.input to the file's input, or use weights for this input");
        }
        int wantClasses = last(declared.outputs().get(0).shape());
        int haveClasses = last(loaded.outputs().get(0).shape());
        if (wantClasses != haveClasses) {
            throw new RunSetupException(what + " has " + haveClasses + " classes, but the model section declares " + wantClasses);
        }
        for (var parameter : declared.parameters().values()) {
            var found = Optional.ofNullable(loaded.parameters().get(parameter.name()));
            if (found.isEmpty()) {
                continue; // an imported file names some tensors its own way; the totals below still compare them
            }
            int[] a = parameter.value().shape();
            int[] b = found.get().value().shape();
            if (!Arrays.equals(a, b)) {
                throw new RunSetupException(what + " is not the declared " + declared.name() + ": parameter " + parameter.name()
                        + " has shape " + Arrays.toString(b) + " there, " + Arrays.toString(a) + " in the model section's architecture");
            }
        }
        // Kernels only (rank >= 2): an exporter that folded BatchNorm into the convolutions has fewer vectors, the same kernels.
        long wantKernels = kernelElements(declared);
        long haveKernels = kernelElements(loaded);
        if (wantKernels != haveKernels) {
            throw new RunSetupException(String.format(Locale.ROOT, "%s is not the declared %s: its convolution and linear weights hold"
                    + " %,d numbers, the model section's architecture %,d; declare the file's architecture (e.g. its widths) in the"
                    + " model section", what, declared.name(), haveKernels, wantKernels));
        }
    }

    private static long kernelElements(Graph graph) {
        long total = 0;
        for (var parameter : graph.parameters().values()) {
            int[] shape = parameter.value().shape();
            if (shape.length >= 2) {
                long n = 1;
                for (int d : shape) {
                    n *= d;
                }
                total += n;
            }
        }
        return total;
    }

    private static boolean tailEquals(Shape want, Shape have) {
        for (int axis = 1; axis < want.rank(); axis++) {
            if (want.dim(axis) != have.dim(axis)) {
                return false;
            }
        }
        return true;
    }

    private static String dims(Shape shape) {
        int[] all = shape.dims();
        return Arrays.toString(Arrays.copyOfRange(all, 1, all.length));
    }

    private static int last(Shape shape) {
        return shape.dim(shape.rank() - 1);
    }
}
