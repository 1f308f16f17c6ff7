package dev.prune.run;

import dev.prune.data.DataException;
import dev.prune.data.DataSpec;
import dev.prune.data.Dataset;
import dev.prune.data.ModelInput;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import dev.prune.lang.Resolved;
import dev.prune.lang.Value;
import dev.prune.plan.Plan;
import dev.prune.plan.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<String, Resolved> shared = plan.shared();
        List<String> lines = new ArrayList<>();
        ModelInput input = modelInput(shared);
        DataSpec spec = DataSpec.from(shared);
        long floatsPerBatch = (long) spec.batch() * input.volume();
        if (floatsPerBatch > Integer.MAX_VALUE) {
            throw new RunSetupException(where(shared, "data.batch") + "data.batch " + spec.batch() + " of " + input.channels() + "x"
                    + input.height() + "x" + input.width() + " images is " + floatsPerBatch + " floats per batch, more than one array holds ("
                    + Integer.MAX_VALUE + "); lower data.batch");
        }

        Path runFolder = out.resolve(plan.recipe());
        OutputPaths.requireFolder(runFolder, "the run folder (--out)");
        lines.add("run folder: " + runFolder + " (writable)");
        // An experiment's control exports nothing: it only trains the baseline on.
        Path export = plan.stage("export").isPresent() ? exportPath(plan) : null;
        if (export != null) {
            OutputPaths.requireExportTarget(export, force, where(shared, "export") + "export onnx(\"" + export + "\")");
            lines.add("export:     " + export + " (writable)");
        }

        Dataset data;
        try {
            data = Dataset.open(spec, input);
        } catch (DataException e) {
            throw new RunSetupException(where(shared, "data") + e.getMessage(), e);
        }
        if (data.trainBatchesPerEpoch() < 1) {
            throw new RunSetupException(where(shared, "data.val") + "data.val " + spec.val() + " leaves " + data.train().size()
                    + " training example" + (data.train().size() == 1 ? "" : "s") + " of " + (data.train().size() + data.val().size())
                    + ": an epoch would have no training step; hold out fewer examples");
        }
        if (data.val().size() < 1) {
            throw new RunSetupException(where(shared, "data.val") + "data.val " + spec.val() + " of " + (data.train().size())
                    + " training examples holds out none; validation and search need at least one example");
        }
        lines.add("data:       " + data.description());

        Graph declared = Models.shapesOnly(plan);
        Graph baseline = Models.baseline(plan);
        Value.Fn weights = (Value.Fn) shared.get("model.weights").value();
        if (!weights.name().equals("none")) {
            compare(declared, baseline, where(shared, "model.weights") + "weights " + weights.name() + "(\""
                    + ((Value.Str) weights.arg("path")).value() + "\")");
        }
        lines.add(String.format(Locale.ROOT, "model:      %s, %,d parameters, input %dx%dx%d, %d classes, weights %s", declared.name(),
                CostModel.of(baseline).params(), input.channels(), input.height(), input.width(), input.classes(), weights.name()));
        return new Report(data, baseline, runFolder, export, lines);
    }

    /** The export file, as the export stage resolves it. */
    static Path exportPath(Plan plan) {
        Stage export = plan.stages().stream().filter(s -> s.kind() == dev.prune.plan.StageKind.EXPORT).findFirst().orElseThrow();
        return Path.of(((Value.Str) ((Value.Fn) export.value("export")).arg("path")).value());
    }

    private static ModelInput modelInput(Map<String, Resolved> shared) throws RunSetupException {
        try {
            return ModelInput.from(shared);
        } catch (IllegalArgumentException e) {
            throw new RunSetupException(where(shared, "model.input") + "model.input: " + e.getMessage(), e);
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
        long wantParams = CostModel.of(declared).params();
        long haveParams = CostModel.of(loaded).params();
        if (wantParams != haveParams) {
            throw new RunSetupException(String.format(Locale.ROOT, "%s is not the declared %s: it has %,d parameters, the model section's"
                    + " architecture %,d; declare the file's architecture (e.g. its widths) in the model section", what, declared.name(),
                    haveParams, wantParams));
        }
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

    /** {@code quickstart.prune:12:5: } where the spec wrote the setting, {@code --set: } or nothing for a default. */
    static String where(Map<String, Resolved> shared, String path) {
        Resolved resolved = shared.get(path);
        if (resolved == null || !resolved.origin().span().isReal()) {
            return "";
        }
        return resolved.origin().span() + ": ";
    }
}
