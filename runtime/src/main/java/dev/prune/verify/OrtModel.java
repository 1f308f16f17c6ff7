package dev.prune.verify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** An exported model in ONNX Runtime, run on batches of images: the last link of the verification chain. */
public final class OrtModel implements AutoCloseable {

    private final OrtSession session;
    private final String input;

    public OrtModel(Path model, ExecutionProvider provider) {
        this(model, provider, java.util.OptionalInt.empty());
    }

    /** With ONNX Runtime's intra-op threads set ({@code runtime { threads N }}); empty: its default. */
    public OrtModel(Path model, ExecutionProvider provider, java.util.OptionalInt threads) {
        this.session = OrtSessions.open(model, provider, threads);
        this.input = session.getInputNames().iterator().next();
    }

    /** Logits for a batch given as NCHW floats; one row per example. */
    public float[][] run(float[] images, int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), dims);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of shape " + java.util.Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
