package dev.prune.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0), little-endian: float32 and int64 arrays out, for
 * {@code prune data}; uint8, int32, int64 and float32 arrays in, for comparing with goldens.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** An array read from a file: its shape and its values widened to double. */
    public record Array(int[] shape, double[] values) {
        public int size() {
            return values.length;
        }
    }

    public static byte[] float32(float[] values, int... shape) {
        ByteBuffer body = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(values);
        return withHeader("<f4", shape, body.array());
    }

    public static byte[] int64(int[] values) {
        ByteBuffer body = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            body.putLong(v);
        }
        return withHeader("<i8", new int[] {values.length}, body.array());
    }

    private static byte[] withHeader(String descr, int[] shape, byte[] body) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, Math.max(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        // The header (magic, length, dict, padding, newline) is a multiple of 64 bytes, as NumPy writes it.
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 2 + header.length() + body.length);
        out.writeBytes(MAGIC);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static Array read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(Arrays.copyOf(magic, 6), Arrays.copyOf(MAGIC, 6))) {
            throw new IOException("not a .npy file");
        }
        int length = magic[6] == 1 ? (in.readUnsignedByte() | in.readUnsignedByte() << 8)
                : Integer.reverseBytes(in.readInt());
        String header = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        String descr = group(DESCR, header);
        if (group(ORDER, header).equals("True")) {
            throw new IOException("Fortran-ordered arrays are not read");
        }
        int[] shape = Arrays.stream(group(SHAPE, header).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        ByteBuffer body = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (descr) {
                case "|u1" -> body.get() & 0xff;
                case "<i4" -> body.getInt();
                case "<i8" -> body.getLong();
                case "<f4" -> body.getFloat();
                default -> throw new IOException("unsupported dtype " + descr);
            };
        }
        return new Array(shape, values);
    }

    private static String group(Pattern pattern, String header) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException("a .npy header without " + pattern.pattern() + ": " + header);
        }
        return m.group(1);
    }
}
