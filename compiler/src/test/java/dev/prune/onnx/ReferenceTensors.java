package dev.prune.onnx;

import dev.prune.ir.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixtures' reference files ({@code scripts/make_onnx_fixtures.py}): an input and PyTorch's output for it,
 * each as int32 rank, int32 dims, float32 data, little-endian.
 */
record ReferenceTensors(Tensor input, Tensor output) {

    static Path fixture(String name) {
        try {
            return Path.of(ReferenceTensors.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name + " (see scripts/make_onnx_fixtures.py)", e);
        }
    }

    static ReferenceTensors of(String architecture) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(fixture(architecture + ".ref")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            Tensor input = tensor(b);
            Tensor output = tensor(b);
            if (b.hasRemaining()) {
                throw new IllegalStateException(b.remaining() + " bytes left over in " + architecture + ".ref");
            }
            return new ReferenceTensors(input, output);
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

    static float maxAbsDifference(Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new AssertionError("shapes differ: " + a + " and " + b);
        }
        float max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        }
        return max;
    }
}
