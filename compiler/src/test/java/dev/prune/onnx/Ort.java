package dev.prune.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.prune.ir.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs exported bytes in ONNX Runtime (CPU) for tests: float inputs in, each output as an {@link Array}. One
 * intra-op thread, so that a model run twice sums in the same order and gives the same bits. Public for the
 * rewrite tests, which prove the merge in ONNX Runtime on IR {@link Tensor}s.
 */
public final class Ort {

    private Ort() {
    }

    static Map<String, Array> run(byte[] model, Map<String, Array> inputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                Map<String, OnnxTensor> feeds = new HashMap<>();
                try {
                    for (Map.Entry<String, Array> e : inputs.entrySet()) {
                        long[] shape = Arrays.stream(e.getValue().shape).asLongStream().toArray();
                        feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data), shape));
                    }
                    Map<String, Array> outputs = new HashMap<>();
                    try (OrtSession.Result result = session.run(feeds)) {
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                            OnnxTensor t = (OnnxTensor) e.getValue();
                            int[] shape = Arrays.stream(t.getInfo().getShape()).mapToInt(d -> (int) d).toArray();
                            FloatBuffer buffer = t.getFloatBuffer();
                            float[] data = new float[buffer.remaining()];
                            buffer.get(data);
                            outputs.put(e.getKey(), new Array(shape, data));
                        }
                    }
                    return outputs;
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    static Array runSingle(byte[] model, Array input) {
        Map<String, Array> out = run(model, Map.of("input", input));
        return out.values().iterator().next();
    }

    /** The single output of a model with one input named {@code input}, as a tensor. */
    public static Tensor runSingle(byte[] model, Tensor input) {
        Array out = runSingle(model, new Array(input.shape(), input.toArray()));
        return Tensor.of(out.data, out.shape);
    }
}
