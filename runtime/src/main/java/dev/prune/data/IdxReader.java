package dev.prune.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX file of unsigned bytes (the MNIST format: a magic number {@code 00 00 08 nd}, nd big-endian
 * dimensions, then the bytes), gzip-compressed or not. Compression is recognised by the gzip magic bytes, not
 * by the file name, since both spellings circulate with either content.
 */
final class IdxReader {

    /** The dimensions and raw bytes of an IDX file. */
    record IdxArray(Path file, int[] dims, byte[] data) {
        int count() {
            return dims[0];
        }
    }

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private IdxReader() {
    }

    /** Reads a file that must hold unsigned bytes in {@code dimensions} dimensions (3 for images, 1 for labels). */
    static IdxArray read(Path file, int dimensions) throws DataException {
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            gzip = isGzip(raw);
            DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
            int[] dims = readHeader(file, in, dimensions);
            long expected = 1;
            for (int d : dims) {
                expected *= d;
            }
            if (expected > Integer.MAX_VALUE - 8) {
                throw new DataException(file, "the header's dimensions " + shape(dims) + " are too large to hold in memory");
            }
            byte[] data = in.readNBytes((int) expected);
            if (data.length < expected) {
                throw new DataException(file, "truncated: the header says " + shape(dims) + " = " + expected + " bytes of data, the file has "
                        + data.length);
            }
            if (in.read() != -1) {
                throw new DataException(file, "more data than the header's " + shape(dims) + " = " + expected + " bytes");
            }
            return new IdxArray(file, dims, data);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "no such file");
        } catch (EOFException e) {
            throw new DataException(file, gzip ? "truncated gzip stream (" + e.getMessage() + ")" : "truncated header", e);
        } catch (ZipException e) {
            throw new DataException(file, "corrupt gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e, e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    private static int[] readHeader(Path file, DataInputStream in, int dimensions) throws IOException, DataException {
        int magic = in.readInt();
        int expectedMagic = (UNSIGNED_BYTE << 8) | dimensions;
        if (magic != expectedMagic) {
            throw new DataException(file, String.format("wrong magic number 0x%08x: expected 0x%08x (unsigned bytes in %d dimension%s, "
                    + "an IDX %s file)", magic, expectedMagic, dimensions, dimensions == 1 ? "" : "s", dimensions == 1 ? "label" : "image"));
        }
        int[] dims = new int[dimensions];
        for (int i = 0; i < dimensions; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 1) {
                throw new DataException(file, "dimension " + i + " of the header is " + dims[i] + ", not a positive size");
            }
        }
        return dims;
    }

    private static String shape(int[] dims) {
        StringBuilder out = new StringBuilder();
        for (int d : dims) {
            out.append(out.isEmpty() ? "" : "x").append(d);
        }
        return out.toString();
    }
}
