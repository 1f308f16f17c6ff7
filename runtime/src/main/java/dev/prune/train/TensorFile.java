package dev.prune.train;

import dev.prune.ir.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The checkpoint file format: string metadata and named float32 tensors, with a CRC32 over everything, so
 * that a torn or altered file is refused instead of loaded.
 *
 * <pre>
 * magic     8 bytes  "PRUNECKP"
 * version   u32      1
 * metadata  u32 count, then count × (key: str, value: str)
 * tensors   u32 count, then count × (name: str, rank: u32, dims: rank × u32, data: Π dims × f32)
 * crc32     u32      CRC-32 (java.util.zip.CRC32) of every byte before it
 *
 * str = u32 length in bytes, then UTF-8; every number little-endian; a rank-0 tensor holds one value.
 * </pre>
 */
public final class TensorFile {

    static final byte[] MAGIC = "PRUNECKP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_RANK = 8;
    private static final int FLOATS_PER_CHUNK = 1 << 16;

    /** What a file holds, in the order written. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    private TensorFile() {
    }

    /** Writes a new file (it must not exist) and forces it to the disk before returning. */
    public static void write(Path path, Map<String, String> metadata, Map<String, Tensor> tensors) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16),
                    new CRC32());
            checked.write(MAGIC);
            writeInt(checked, VERSION);
            writeInt(checked, metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                writeString(checked, e.getKey());
                writeString(checked, e.getValue());
            }
            writeInt(checked, tensors.size());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                writeString(checked, e.getKey());
                writeTensor(checked, e.getValue());
            }
            writeInt(checked, (int) checked.getChecksum().getValue());
            checked.flush();
            channel.force(true);
        }
    }

    /**
     * Reads a whole file and checks its checksum.
     *
     * @throws DamagedCheckpointException naming the file and what is wrong: not this format, another version,
     *                                    truncated, or a checksum mismatch
     */
    public static Contents read(Path path) throws IOException {
        long fileSize = Files.size(path);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            CheckedInputStream in = new CheckedInputStream(raw, new CRC32());
            byte[] magic = readBytes(in, path, MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new DamagedCheckpointException(path, "not a prune checkpoint file (no PRUNECKP header)");
            }
            int version = readInt(in, path);
            if (version != VERSION) {
                throw new DamagedCheckpointException(path, "format version " + version + ", this build reads version " + VERSION);
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            int entries = count(readInt(in, path), path, "metadata entries");
            for (int i = 0; i < entries; i++) {
                metadata.put(readString(in, path), readString(in, path));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            int count = count(readInt(in, path), path, "tensors");
            for (int i = 0; i < count; i++) {
                String name = readString(in, path);
                tensors.put(name, readTensor(in, path, name, fileSize));
            }
            long computed = in.getChecksum().getValue();
            long stored = Integer.toUnsignedLong(readInt(in, path));
            if (stored != computed) {
                throw new DamagedCheckpointException(path, String.format("checksum mismatch: stored CRC32 %08x, contents give %08x", stored,
                        computed));
            }
            if (in.read() != -1) {
                throw new DamagedCheckpointException(path, "bytes after the checksum");
            }
            return new Contents(metadata, tensors);
        }
    }

    private static void writeTensor(OutputStream out, Tensor tensor) throws IOException {
        int[] shape = tensor.shape();
        writeInt(out, shape.length);
        for (int d : shape) {
            writeInt(out, d);
        }
        FloatBuffer values = tensor.buffer();
        ByteBuffer chunk = ByteBuffer.allocate(FLOATS_PER_CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            chunk.clear();
            int n = Math.min(FLOATS_PER_CHUNK, values.remaining());
            for (int i = 0; i < n; i++) {
                chunk.putFloat(values.get());
            }
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    private static Tensor readTensor(InputStream in, Path path, String name, long fileSize) throws IOException {
        int rank = readInt(in, path);
        if (rank < 0 || rank > MAX_RANK) {
            throw new DamagedCheckpointException(path, "tensor " + name + " has rank " + rank);
        }
        int[] shape = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = readInt(in, path);
            size *= shape[i];
            // Checked before allocating: a damaged dimension must not ask for gigabytes.
            if (shape[i] < 0 || size * Float.BYTES > fileSize) {
                throw new DamagedCheckpointException(path, "tensor " + name + " has an impossible shape " + java.util.Arrays.toString(shape));
            }
        }
        float[] data = new float[(int) size];
        ByteBuffer bytes = ByteBuffer.wrap(readBytes(in, path, data.length * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().get(data);
        return Tensor.of(data, shape);
    }

    private static int count(int value, Path path, String what) throws DamagedCheckpointException {
        if (value < 0) {
            throw new DamagedCheckpointException(path, "a negative number of " + what);
        }
        return value;
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void writeString(OutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.write(bytes);
    }

    private static int readInt(InputStream in, Path path) throws IOException {
        return ByteBuffer.wrap(readBytes(in, path, Integer.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static String readString(InputStream in, Path path) throws IOException {
        int length = readInt(in, path);
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new DamagedCheckpointException(path, "a string of " + length + " bytes");
        }
        return new String(readBytes(in, path, length), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(InputStream in, Path path, int n) throws IOException {
        byte[] bytes = new byte[n];
        try {
            new java.io.DataInputStream(in).readFully(bytes);
        } catch (EOFException e) {
            throw new DamagedCheckpointException(path, "truncated: the file ends inside its contents");
        }
        return bytes;
    }
}
