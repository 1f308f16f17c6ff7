package dev.prune.verify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.prune.ir.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** One inference of an exported model in ONNX Runtime, on IR tensors: what verification compares. */
public final class OrtInference {

    private OrtInference() {
    }

    /**
     * The first output of a model with one float input, for {@code input}.
     *
     * @throws ProviderUnavailableException when the installed build lacks the provider
     * @throws ModelLoadException when ONNX Runtime cannot load the file
     * @throws IllegalStateException when ONNX Runtime fails while running the model
     */
    public static Tensor run(Path model, Tensor input, ExecutionProvider provider) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = Arrays.stream(input.shape()).asLongStream().toArray();
        try (OrtSession session = OrtSessions.open(model, provider);
                OnnxTensor feed = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.toArray()), shape);
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), feed))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return Tensor.of(values, Arrays.stream(out.getInfo().getShape()).mapToInt(Math::toIntExact).toArray());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + model + ": " + e.getMessage(), e);
        }
    }
}
