package dev.prune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protobuf wire format and the ONNX messages: known encodings, and write → read round trips. */
class OnnxWireTest {

    @Test
    void varintsUseTheProtobufEncoding() {
        // Field 1, varint 300 → key 0x08, then 0xAC 0x02 (the example of the protobuf documentation).
        assertArrayEquals(new byte[] {0x08, (byte) 0xAC, 0x02}, new ProtoWriter().varint(1, 300).toByteArray());
        byte[] negative = new ProtoWriter().varint(1, -1).toByteArray();
        assertEquals(11, negative.length, "a negative int64 takes ten bytes after the key");
        ProtoReader r = new ProtoReader(negative);
        r.next();
        assertEquals(-1, r.varint());
    }

    @Test
    void readsPackedAndUnpackedRepeatedFieldsAlike() {
        byte[] packed = new ProtoWriter().packedVarints(7, new long[] {1, -2, 300}).toByteArray();
        byte[] unpacked = new ProtoWriter().varint(7, 1).varint(7, -2).varint(7, 300).toByteArray();
        for (byte[] bytes : List.of(packed, unpacked)) {
            ProtoReader r = new ProtoReader(bytes);
            long[] all = new long[0];
            while (r.next()) {
                long[] more = r.varints();
                long[] joined = java.util.Arrays.copyOf(all, all.length + more.length);
                System.arraycopy(more, 0, joined, all.length, more.length);
                all = joined;
            }
            assertArrayEquals(new long[] {1, -2, 300}, all);
        }
    }

    @Test
    void modelsRoundTripWithEveryAttributeKind() {
        OnnxTensor w = OnnxTensor.ofFloats("w", new long[] {2, 2}, new float[] {1, -2, 3.5f, 0});
        OnnxTensor shape = OnnxTensor.vector("r/shape", 0, -1);
        OnnxNode node = OnnxNode.of("n", "Custom", List.of("x", "", "w"), List.of("y"), List.of(
                OnnxAttribute.of("f", 0.25f), OnnxAttribute.of("i", -3L), OnnxAttribute.of("s", "é"),
                OnnxAttribute.of("t", shape), OnnxAttribute.floats("fs", 1, 2), OnnxAttribute.ints("is", 4, -5),
                OnnxAttribute.strings("ss", List.of("a", "b"))));
        OnnxValueInfo x = new OnnxValueInfo("x", OnnxTensor.DataType.FLOAT,
                List.of(OnnxValueInfo.Dim.symbolic("N"), OnnxValueInfo.Dim.of(2)));
        OnnxGraph graph = new OnnxGraph("g", List.of(node), List.of(w, shape), List.of(x), List.of(x));
        OnnxModel model = new OnnxModel(8, Map.of("", 17L), "prune", "0.1", graph);

        OnnxModel back = OnnxReader.read(OnnxWriter.write(model));
        assertEquals(model.irVersion(), back.irVersion());
        assertEquals(model.opsets(), back.opsets());
        assertEquals(graph, back.graph());
    }

    @Test
    void rejectsTruncatedBytesWithAMessage() {
        byte[] bytes = new ProtoWriter().string(2, "prune").toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(truncated));
        assertEquals("field 2 claims 5 bytes, 3 remain", e.getMessage());
    }
}
