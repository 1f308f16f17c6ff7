package dev.prune.plan;

import java.util.List;

/**
 * The {@code export} section, bound.
 *
 * @param onnx         where the merged model is written, as the spec writes it
 * @param atol         tolerance of ONNX Runtime's logits against the merged model's
 * @param benchBatches batch sizes of the latency benchmark
 * @param runs         timed runs per model and batch
 */
public record ExportPlan(String onnx, int opset, double atol, List<Integer> benchBatches, int runs) {

    public ExportPlan {
        benchBatches = List.copyOf(benchBatches);
    }
}
