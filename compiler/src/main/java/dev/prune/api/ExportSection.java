package dev.prune.api;

import java.util.Arrays;

/** The body of {@code export onnx("out/model.onnx") { ... }}. */
public final class ExportSection extends SectionBuilder<ExportSection> {

    ExportSection(Settings settings) {
        super(settings);
    }

    @Override
    ExportSection with(Settings settings) {
        return new ExportSection(settings);
    }

    /** {@code opset 17}. */
    public ExportSection opset(Object version) {
        return set("opset", version);
    }

    /** {@code verify atol 1e-4}. */
    public ExportSection verifyAtol(Object tolerance) {
        return setClauseOnly("verify", "atol", tolerance);
    }

    /** {@code bench batch [1, 32]}. */
    public ExportSection benchBatch(int... sizes) {
        return setClauseOnly("bench", "batch", Arrays.stream(sizes).boxed().toList());
    }

    /** {@code runs 20}. */
    public ExportSection runs(Object count) {
        return set("runs", count);
    }
}
