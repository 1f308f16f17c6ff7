package dev.prune.verify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares the latency of two ONNX models (typically a baseline and its pruned, merged form) in ONNX
 * Runtime. Runs alternate A, B, A, B…, so that the noise of a shared machine (another job, frequency
 * changes) falls on both models alike; the median of each, and their ratio, are what is reported. The
 * ratio is the number to trust: absolute times on these machines vary by several times from run to run.
 */
public final class LatencyBenchmark {

    /** Warm-up runs per model and batch size when the caller does not say. */
    public static final int DEFAULT_WARMUP = 5;

    private static final long INPUT_SEED = 7;

    private LatencyBenchmark() {
    }

    /** {@link #run(Path, Path, List, int, int, String)} with {@value #DEFAULT_WARMUP} warm-up runs. */
    public static BenchResult run(Path a, Path b, List<Integer> batches, int runs, String provider) {
        return run(a, b, batches, runs, DEFAULT_WARMUP, provider);
    }

    /**
     * @param batches batch sizes, each ≥ 1; the models' first input must have one dynamic (batch) dimension
     *     or a fixed one equal to the batch
     * @param runs timed runs per model and batch size
     * @param provider {@code cpu}, {@code cuda}, {@code rocm} (see {@link ExecutionProvider#parse})
     * @throws ProviderUnavailableException before any work when the installed ONNX Runtime lacks the provider
     * @throws ModelLoadException when ONNX Runtime cannot load a model file
     * @throws IllegalArgumentException for bad settings, or a model whose input the benchmark cannot feed
     * @throws IllegalStateException when ONNX Runtime fails while running a model
     */
    public static BenchResult run(Path a, Path b, List<Integer> batches, int runs, int warmup, String provider) {
        return run(a, b, batches, runs, warmup, provider, java.util.OptionalInt.empty());
    }

    /** With {@value #DEFAULT_WARMUP} warm-up runs and ONNX Runtime's intra-op threads set ({@code runtime { threads N }}). */
    public static BenchResult run(Path a, Path b, List<Integer> batches, int runs, String provider, java.util.OptionalInt threads) {
        return run(a, b, batches, runs, DEFAULT_WARMUP, provider, threads);
    }

    /** As {@link #run(Path, Path, List, int, int, String)}, with ONNX Runtime's intra-op threads; empty: its default. */
    public static BenchResult run(Path a, Path b, List<Integer> batches, int runs, int warmup, String provider,
            java.util.OptionalInt threads) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("need runs ≥ 1 and warmup ≥ 0, got " + runs + " and " + warmup);
        }
        if (batches.isEmpty() || batches.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("batch sizes must be ≥ 1, got " + batches);
        }
        ExecutionProvider ep = ExecutionProvider.parse(provider);
        try (OrtSession sessionA = OrtSessions.open(a, ep, threads); OrtSession sessionB = OrtSessions.open(b, ep, threads)) {
            List<BenchResult.Batch> rows = new ArrayList<>();
            for (int batch : batches) {
                rows.add(measure(sessionA, sessionB, batch, runs, warmup));
            }
            return new BenchResult(a.toString(), b.toString(), ep.toString(), warmup, runs, rows);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while benchmarking: " + e.getMessage(), e);
        }
    }

    private static BenchResult.Batch measure(OrtSession a, OrtSession b, int batch, int runs, int warmup)
            throws OrtException {
        try (Feed feedA = Feed.random(a, batch); Feed feedB = Feed.random(b, batch)) {
            for (int i = 0; i < warmup; i++) {
                feedA.time();
                feedB.time();
            }
            double[] timesA = new double[runs];
            double[] timesB = new double[runs];
            for (int i = 0; i < runs; i++) {
                timesA[i] = feedA.time();
                timesB[i] = feedB.time();
            }
            return new BenchResult.Batch(batch, median(timesA), median(timesB), toList(timesA), toList(timesB));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** One session's input for one batch size: random values made once, so that only inference is timed. */
    private static final class Feed implements AutoCloseable {
        private final OrtSession session;
        private final String inputName;
        private final OnnxTensor input;

        private Feed(OrtSession session, String inputName, OnnxTensor input) {
            this.session = session;
            this.inputName = inputName;
            this.input = input;
        }

        static Feed random(OrtSession session, int batch) throws OrtException {
            Map.Entry<String, NodeInfo> first = session.getInputInfo().entrySet().iterator().next();
            if (session.getInputInfo().size() != 1 || !(first.getValue().getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException("the benchmark feeds models with one tensor input; this one has "
                        + session.getInputInfo().keySet());
            }
            long[] shape = batchShape(first.getKey(), info.getShape(), batch);
            SplittableRandom random = new SplittableRandom(INPUT_SEED);
            float[] data = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (x, y) -> x * y))];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(data), shape);
            return new Feed(session, first.getKey(), tensor);
        }

        /** The input's shape with its batch dimension (the first; dynamic, or fixed and equal) set. */
        private static long[] batchShape(String name, long[] declared, int batch) {
            long[] shape = declared.clone();
            for (int i = 1; i < shape.length; i++) {
                if (shape[i] < 0) {
                    throw new IllegalArgumentException("input " + name + " " + Arrays.toString(declared)
                            + " has a dynamic dimension other than the batch");
                }
            }
            if (shape.length == 0 || (shape[0] >= 0 && shape[0] != batch)) {
                throw new IllegalArgumentException("input " + name + " " + Arrays.toString(declared)
                        + " cannot take batch " + batch);
            }
            shape[0] = batch;
            return shape;
        }

        /** One inference, in milliseconds; outputs are released at once. */
        double time() throws OrtException {
            long start = System.nanoTime();
            try (OrtSession.Result ignored = session.run(Map.of(inputName, input))) {
                return (System.nanoTime() - start) / 1e6;
            }
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
