package dev.prune.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX protobuf bytes into an {@link OnnxModel}: what {@link OnnxWriter} writes and what
 * {@code torch.onnx.export} writes (tensor data in raw_data or in the typed repeated fields, packed or not).
 * Unknown fields are skipped; features that would silently change meaning (sparse initializers, subgraph
 * attributes, element types other than float/int32/int64/double) are refused. Tensors whose data lives in an
 * external file ({@code save_as_external_data}) are read from that file, relative to the model's folder, when
 * the model is read from a {@link Path}; from bytes alone they are refused.
 */
public final class OnnxReader {

    private static final int GRAPH_SPARSE_INITIALIZER = 15;

    private OnnxReader() {
    }

    public static OnnxModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return read(bytes, new ExternalData(folder));
    }

    public static OnnxModel read(byte[] bytes) {
        return read(bytes, ExternalData.NONE);
    }

    private static OnnxModel read(byte[] bytes, ExternalData external) {
        ProtoReader r = new ProtoReader(bytes);
        long irVersion = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        String producer = "";
        String producerVersion = "";
        OnnxGraph graph = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Model.IR_VERSION -> irVersion = r.varint();
                case OnnxFields.Model.METADATA_PROPS -> metadataEntry(r.message(), metadata);
                case OnnxFields.Model.PRODUCER_NAME -> producer = r.string();
                case OnnxFields.Model.PRODUCER_VERSION -> producerVersion = r.string();
                case OnnxFields.Model.GRAPH -> graph = graph(r.message(), external);
                case OnnxFields.Model.OPSET_IMPORT -> opset(r.message(), opsets);
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new OnnxFormatException("the model has no graph");
        }
        return new OnnxModel(irVersion, opsets, producer, producerVersion, graph, metadata);
    }

    /** One {@code StringStringEntryProto}; a key written twice keeps its last value, as protobuf maps do. */
    private static void metadataEntry(ProtoReader r, Map<String, String> metadata) {
        String key = "";
        String value = "";
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.StringStringEntry.KEY -> key = r.string();
                case OnnxFields.StringStringEntry.VALUE -> value = r.string();
                default -> r.skip();
            }
        }
        metadata.put(key, value);
    }

    private static void opset(ProtoReader r, Map<String, Long> opsets) {
        String domain = "";
        long version = 0;
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.OperatorSetId.DOMAIN -> domain = r.string();
                case OnnxFields.OperatorSetId.VERSION -> version = r.varint();
                default -> r.skip();
            }
        }
        // "ai.onnx" is the default domain spelled out; keep one key for it.
        opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
    }

    private static OnnxGraph graph(ProtoReader r, ExternalData external) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxTensor> initializers = new ArrayList<>();
        List<OnnxValueInfo> inputs = new ArrayList<>();
        List<OnnxValueInfo> outputs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Graph.NODE -> nodes.add(node(r.message(), external));
                case OnnxFields.Graph.NAME -> name = r.string();
                case OnnxFields.Graph.INITIALIZER -> initializers.add(tensor(r.message(), external));
                case OnnxFields.Graph.INPUT -> inputs.add(valueInfo(r.message()));
                case OnnxFields.Graph.OUTPUT -> outputs.add(valueInfo(r.message()));
                case GRAPH_SPARSE_INITIALIZER -> throw new OnnxFormatException(
                        "graph " + name + " has sparse initializers, which are not supported");
                default -> r.skip();
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxNode node(ProtoReader r, ExternalData external) {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<ProtoReader> attributes = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Node.INPUT -> inputs.add(r.string());
                case OnnxFields.Node.OUTPUT -> outputs.add(r.string());
                case OnnxFields.Node.NAME -> name = r.string();
                case OnnxFields.Node.OP_TYPE -> opType = r.string();
                case OnnxFields.Node.ATTRIBUTE -> attributes.add(r.message());
                case OnnxFields.Node.DOMAIN -> domain = r.string();
                default -> r.skip();
            }
        }
        // Attributes are decoded after the loop so that errors can name the node, whose name may come later.
        String where = "node " + (name.isEmpty() ? "(unnamed " + opType + ")" : name);
        List<OnnxAttribute> decoded = attributes.stream().map(a -> attribute(a, where, external)).toList();
        return new OnnxNode(name, opType, domain.equals("ai.onnx") ? "" : domain, inputs, outputs, decoded);
    }

    private static OnnxAttribute attribute(ProtoReader r, String where, ExternalData external) {
        String name = "";
        int type = 0;
        Float f = null;
        Long i = null;
        String s = null;
        OnnxTensor t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        boolean subgraph = false;
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Attribute.NAME -> name = r.string();
                case OnnxFields.Attribute.TYPE -> type = (int) r.varint();
                case OnnxFields.Attribute.F -> f = r.float32();
                case OnnxFields.Attribute.I -> i = r.varint();
                case OnnxFields.Attribute.S -> s = r.string();
                case OnnxFields.Attribute.T -> t = tensor(r.message(), external);
                case OnnxFields.Attribute.G -> {
                    subgraph = true;
                    r.skip();
                }
                case OnnxFields.Attribute.FLOATS -> floats.add(r.floats());
                case OnnxFields.Attribute.INTS -> ints.add(r.varints());
                case OnnxFields.Attribute.STRINGS -> strings.add(r.string());
                default -> r.skip();
            }
        }
        if (subgraph) {
            throw new OnnxFormatException(where + ": attribute " + name + " is a subgraph, which is not supported");
        }
        return switch (type) {
            case 1 -> OnnxAttribute.of(name, f == null ? 0f : f);
            case 2 -> OnnxAttribute.of(name, i == null ? 0L : i);
            case 3 -> OnnxAttribute.of(name, s == null ? "" : s);
            case 4 -> OnnxAttribute.of(name, requirePresent(t, where, name));
            case 6 -> OnnxAttribute.floats(name, floats.toArray());
            case 7 -> OnnxAttribute.ints(name, ints.toArray());
            case 8 -> OnnxAttribute.strings(name, strings);
            default -> throw new OnnxFormatException(where + ": attribute " + name + " has type " + type
                    + ", which is not supported");
        };
    }

    private static OnnxTensor requirePresent(OnnxTensor t, String where, String name) {
        if (t == null) {
            throw new OnnxFormatException(where + ": tensor attribute " + name + " has no tensor");
        }
        return t;
    }

    private static OnnxTensor tensor(ProtoReader r, ExternalData externalData) {
        String name = "";
        int dataType = 0;
        LongList dims = new LongList();
        byte[] raw = null;
        // Typed fields, re-encoded little-endian as they arrive so that every path ends in raw bytes.
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        boolean external = false;
        Map<String, String> location = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Tensor.DIMS -> dims.add(r.varints());
                case OnnxFields.Tensor.DATA_TYPE -> dataType = (int) r.varint();
                case OnnxFields.Tensor.NAME -> name = r.string();
                case OnnxFields.Tensor.RAW_DATA -> raw = r.bytes();
                case OnnxFields.Tensor.FLOAT_DATA -> typed.writeBytes(littleEndian(r.floats()));
                case OnnxFields.Tensor.INT32_DATA -> typed.writeBytes(littleEndianInts(r.varints()));
                case OnnxFields.Tensor.INT64_DATA -> typed.writeBytes(littleEndian(r.varints()));
                case OnnxFields.Tensor.DOUBLE_DATA -> typed.writeBytes(r.bytes()); // packed doubles are raw layout
                case OnnxFields.Tensor.EXTERNAL_DATA -> {
                    external = true;
                    entry(r.message(), location);
                }
                case OnnxFields.Tensor.DATA_LOCATION -> external |= r.varint() == 1;
                default -> r.skip();
            }
        }
        OnnxTensor.DataType type = OnnxTensor.DataType.fromCode(dataType, name);
        if (external) {
            long count = 1;
            for (long d : dims.toArray()) {
                count *= d;
            }
            raw = externalData.load(name, location, count * type.bytesPerElement());
        }
        byte[] data = raw != null ? raw : typed.toByteArray();
        if (raw == null && type.bytesPerElement() < 4 && data.length > 0) {
            data = narrowInt32Data(data, type.bytesPerElement()); // bool and float16 arrive in int32_data
        }
        return new OnnxTensor(name, type, dims.toArray(), data);
    }

    /** int32_data (little-endian ints) as elements of {@code bytes} bytes each: their low bytes. */
    private static byte[] narrowInt32Data(byte[] ints, int bytes) {
        byte[] out = new byte[ints.length / 4 * bytes];
        for (int i = 0; i < ints.length / 4; i++) {
            System.arraycopy(ints, 4 * i, out, bytes * i, bytes);
        }
        return out;
    }

    /** A StringStringEntryProto (key 1, value 2) into {@code into}. */
    private static void entry(ProtoReader r, Map<String, String> into) {
        String key = "";
        String value = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.string();
                case 2 -> value = r.string();
                default -> r.skip();
            }
        }
        into.put(key, value);
    }

    /**
     * Where external tensor data is read from: files named by a tensor's "location", relative to the model's
     * folder, at "offset" (default 0) for "length" bytes (default: what the tensor's shape needs).
     */
    private record ExternalData(Path folder) {

        static final ExternalData NONE = new ExternalData(null);

        byte[] load(String tensor, Map<String, String> entries, long expectedBytes) {
            if (folder == null) {
                throw new OnnxFormatException("tensor " + tensor + " keeps its data in an external file, which "
                        + "can only be read when the model is read from a file (OnnxReader.read(Path))");
            }
            String location = entries.get("location");
            if (location == null || location.isEmpty()) {
                throw new OnnxFormatException("tensor " + tensor + " has external data without a location");
            }
            Path file = folder.resolve(location).normalize();
            if (!file.startsWith(folder)) {
                throw new OnnxFormatException("tensor " + tensor + ": external data location " + location
                        + " lies outside the model's folder");
            }
            long offset = number(tensor, entries, "offset", 0);
            long length = number(tensor, entries, "length", expectedBytes);
            if (length != expectedBytes) {
                throw new OnnxFormatException("tensor " + tensor + ": external data has " + length
                        + " bytes, its shape needs " + expectedBytes);
            }
            try (var channel = Files.newByteChannel(file)) {
                if (offset + length > channel.size()) {
                    throw new OnnxFormatException("tensor " + tensor + ": external file " + location + " has "
                            + channel.size() + " bytes, the tensor needs bytes " + offset + " to " + (offset + length));
                }
                ByteBuffer data = ByteBuffer.allocate((int) length);
                channel.position(offset);
                while (data.hasRemaining() && channel.read(data) >= 0) {
                    // read until full; the size check above guarantees the bytes exist
                }
                return data.array();
            } catch (IOException e) {
                throw new OnnxFormatException("tensor " + tensor + ": cannot read external data file " + file
                        + ": " + e.getMessage());
            }
        }

        private static long number(String tensor, Map<String, String> entries, String key, long fallback) {
            String v = entries.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new OnnxFormatException("tensor " + tensor + ": external data " + key + " is '" + v + "'");
            }
        }
    }

    private static OnnxValueInfo valueInfo(ProtoReader r) {
        String name = "";
        int elemType = OnnxTensor.DataType.FLOAT.code();
        List<OnnxValueInfo.Dim> shape = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.ValueInfo.NAME -> name = r.string();
                case OnnxFields.ValueInfo.TYPE -> {
                    ProtoReader type = r.message();
                    while (type.next()) {
                        if (type.field() == OnnxFields.TypeProto.TENSOR_TYPE) {
                            elemType = tensorType(type.message(), shape);
                        } else {
                            type.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new OnnxValueInfo(name, OnnxTensor.DataType.fromCode(elemType, name), shape);
    }

    /** Reads a TypeProto.Tensor: returns its element type and adds its dimensions to {@code shape}. */
    private static int tensorType(ProtoReader r, List<OnnxValueInfo.Dim> shape) {
        int elemType = 0;
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.TensorType.ELEM_TYPE -> elemType = (int) r.varint();
                case OnnxFields.TensorType.SHAPE -> {
                    ProtoReader dims = r.message();
                    while (dims.next()) {
                        if (dims.field() == OnnxFields.TensorShape.DIM) {
                            shape.add(dimension(dims.message()));
                        } else {
                            dims.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return elemType;
    }

    private static OnnxValueInfo.Dim dimension(ProtoReader r) {
        OnnxValueInfo.Dim dim = OnnxValueInfo.Dim.symbolic("?"); // ONNX allows a dimension with neither field
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.Dimension.DIM_VALUE -> dim = OnnxValueInfo.Dim.of(r.varint());
                case OnnxFields.Dimension.DIM_PARAM -> dim = OnnxValueInfo.Dim.symbolic(r.string());
                default -> r.skip();
            }
        }
        return dim;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static byte[] littleEndian(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    private static byte[] littleEndianInts(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** A growable float array, for repeated fields that may arrive in several runs. */
    private static final class FloatList {
        private float[] values = new float[0];

        void add(float[] more) {
            float[] joined = Arrays.copyOf(values, values.length + more.length);
            System.arraycopy(more, 0, joined, values.length, more.length);
            values = joined;
        }

        float[] toArray() {
            return values.clone();
        }
    }

    /** A growable long array, for repeated fields that may arrive in several runs. */
    private static final class LongList {
        private long[] values = new long[0];

        void add(long[] more) {
            long[] joined = Arrays.copyOf(values, values.length + more.length);
            System.arraycopy(more, 0, joined, values.length, more.length);
            values = joined;
        }

        long[] toArray() {
            return values.clone();
        }
    }
}
