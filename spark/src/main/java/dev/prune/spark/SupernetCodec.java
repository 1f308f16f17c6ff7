package dev.prune.spark;

import dev.prune.data.Batch;
import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import dev.prune.ir.ValueInfo;
import dev.prune.search.SupernetInputs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SupernetInputs} as bytes, to broadcast to executors: the graph (nodes, attributes, parameters with
 * their float32 data bit for bit), the candidate blocks, the scoring batches and the recalibration batches. The
 * format is private to one run (driver and executors run the same build), so it carries a version byte and
 * nothing more. It is not
 * compressed: trained weights hardly compress, and Spark compresses broadcast blocks itself (lz4) and keeps
 * them decompressed on each executor, where inflating our own compression again would be every task's cost.
 */
final class SupernetCodec {

    private static final int VERSION = 2;
    private static final int INT = 0;
    private static final int FLOAT = 1;
    private static final int STRING = 2;
    private static final int INTS = 3;

    private SupernetCodec() {
    }

    static byte[] encode(SupernetInputs inputs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16))) {
            out.writeByte(VERSION);
            writeGraph(out, inputs.supernet());
            writeStrings(out, inputs.candidates());
            writeBatches(out, inputs.batches());
            writeBatches(out, inputs.recalibration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SupernetInputs decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(encoded), 1 << 16))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("supernet bytes of version " + version + ", this build reads " + VERSION
                        + ": the driver and the executors run different builds of prune");
            }
            Graph graph = readGraph(in);
            List<String> candidates = readStrings(in);
            List<Batch> batches = readBatches(in);
            return new SupernetInputs(graph, candidates, batches, readBatches(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBatches(DataOutputStream out, List<Batch> batches) throws IOException {
        out.writeInt(batches.size());
        for (Batch batch : batches) {
            writeInts(out, batch.shape());
            writeInts(out, batch.labels());
            writeFloats(out, batch.images());
        }
    }

    private static List<Batch> readBatches(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Batch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] shape = readInts(in);
            int[] labels = readInts(in);
            batches.add(new Batch(readFloats(in), labels, shape));
        }
        return batches;
    }

    private static void writeGraph(DataOutputStream out, Graph graph) throws IOException {
        out.writeUTF(graph.name());
        out.writeInt(graph.inputs().size());
        for (ValueInfo input : graph.inputs()) {
            out.writeUTF(input.name());
            writeInts(out, input.shape().dims());
        }
        out.writeInt(graph.parameters().size());
        for (Parameter p : graph.parameters().values()) {
            out.writeUTF(p.name());
            out.writeByte(p.kind().ordinal());
            writeInts(out, p.value().shape());
            out.writeBoolean(p.value().hasData());
            if (p.value().hasData()) {
                writeFloats(out, p.value().toArray());
            }
        }
        out.writeInt(graph.nodes().size());
        for (Node node : graph.nodes()) {
            out.writeUTF(node.name());
            out.writeUTF(node.op().name());
            writeStrings(out, node.inputs());
            writeStrings(out, node.outputs());
            writeAttributes(out, node.attributes());
        }
        writeStrings(out, graph.outputNames());
    }

    private static Graph readGraph(DataInputStream in) throws IOException {
        GraphBuilder builder = new GraphBuilder(in.readUTF());
        int inputs = in.readInt();
        for (int i = 0; i < inputs; i++) {
            builder.input(in.readUTF(), Shape.of(readInts(in)));
        }
        int parameters = in.readInt();
        for (int i = 0; i < parameters; i++) {
            String name = in.readUTF();
            Parameter.Kind kind = Parameter.Kind.values()[in.readByte()];
            int[] shape = readInts(in);
            Tensor value = in.readBoolean() ? Tensor.of(readFloats(in), shape) : Tensor.placeholder(shape);
            builder.parameter(new Parameter(name, value, kind));
        }
        int nodes = in.readInt();
        for (int i = 0; i < nodes; i++) {
            String name = in.readUTF();
            Op op = Op.valueOf(in.readUTF());
            List<String> nodeInputs = readStrings(in);
            List<String> nodeOutputs = readStrings(in);
            builder.add(new Node(name, op, nodeInputs, nodeOutputs, readAttributes(in)));
        }
        return builder.setOutputs(readStrings(in)).build();
    }

    private static void writeAttributes(DataOutputStream out, Attributes attributes) throws IOException {
        out.writeInt(attributes.names().size());
        for (String name : attributes.names()) {
            out.writeUTF(name);
            Object value = attributes.get(name);
            if (value instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (value instanceof Float f) {
                out.writeByte(FLOAT);
                out.writeFloat(f);
            } else if (value instanceof String s) {
                out.writeByte(STRING);
                out.writeUTF(s);
            } else if (value instanceof List<?> list) {
                out.writeByte(INTS);
                out.writeInt(list.size());
                for (Object item : list) {
                    out.writeInt((Integer) item);
                }
            } else {
                throw new IllegalArgumentException("attribute " + name + " of kind " + value.getClass().getSimpleName());
            }
        }
    }

    private static Attributes readAttributes(DataInputStream in) throws IOException {
        Attributes.Builder builder = Attributes.builder();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int kind = in.readByte();
            switch (kind) {
                case INT -> builder.put(name, in.readInt());
                case FLOAT -> builder.put(name, in.readFloat());
                case STRING -> builder.put(name, in.readUTF());
                case INTS -> builder.putInts(name, readInts(in));
                default -> throw new IllegalStateException("attribute kind " + kind);
            }
        }
        return builder.build();
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] out = new int[in.readInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.readInt();
        }
        return out;
    }

    /** In bulk: a float at a time would be four calls into the buffered stream per float, millions per task. */
    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] out = new float[in.readInt()];
        byte[] bytes = new byte[4 * out.length];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asFloatBuffer().get(out);
        return out;
    }
}
