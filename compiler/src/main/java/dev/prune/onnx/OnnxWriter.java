package dev.prune.onnx;

import java.util.Map;

/** Serializes an {@link OnnxModel} to ONNX protobuf bytes. Tensor data goes in raw_data, little-endian. */
public final class OnnxWriter {

    private OnnxWriter() {
    }

    public static byte[] write(OnnxModel model) {
        ProtoWriter w = new ProtoWriter();
        w.varint(OnnxFields.Model.IR_VERSION, model.irVersion());
        w.string(OnnxFields.Model.PRODUCER_NAME, model.producerName());
        w.string(OnnxFields.Model.PRODUCER_VERSION, model.producerVersion());
        w.message(OnnxFields.Model.GRAPH, g -> graph(g, model.graph()));
        for (Map.Entry<String, Long> opset : model.opsets().entrySet()) {
            w.message(OnnxFields.Model.OPSET_IMPORT, o -> o
                    .string(OnnxFields.OperatorSetId.DOMAIN, opset.getKey())
                    .varint(OnnxFields.OperatorSetId.VERSION, opset.getValue()));
        }
        for (Map.Entry<String, String> entry : model.metadata().entrySet()) {
            w.message(OnnxFields.Model.METADATA_PROPS, e -> e
                    .string(OnnxFields.StringStringEntry.KEY, entry.getKey())
                    .string(OnnxFields.StringStringEntry.VALUE, entry.getValue()));
        }
        return w.toByteArray();
    }

    private static void graph(ProtoWriter w, OnnxGraph graph) {
        graph.nodes().forEach(n -> w.message(OnnxFields.Graph.NODE, m -> node(m, n)));
        w.string(OnnxFields.Graph.NAME, graph.name());
        graph.initializers().forEach(t -> w.message(OnnxFields.Graph.INITIALIZER, m -> tensor(m, t)));
        graph.inputs().forEach(v -> w.message(OnnxFields.Graph.INPUT, m -> valueInfo(m, v)));
        graph.outputs().forEach(v -> w.message(OnnxFields.Graph.OUTPUT, m -> valueInfo(m, v)));
    }

    private static void node(ProtoWriter w, OnnxNode node) {
        node.inputs().forEach(i -> w.string(OnnxFields.Node.INPUT, i));
        node.outputs().forEach(o -> w.string(OnnxFields.Node.OUTPUT, o));
        w.string(OnnxFields.Node.NAME, node.name());
        w.string(OnnxFields.Node.OP_TYPE, node.opType());
        node.attributes().forEach(a -> w.message(OnnxFields.Node.ATTRIBUTE, m -> attribute(m, a)));
        if (!node.domain().isEmpty()) {
            w.string(OnnxFields.Node.DOMAIN, node.domain());
        }
    }

    private static void attribute(ProtoWriter w, OnnxAttribute a) {
        w.string(OnnxFields.Attribute.NAME, a.name());
        switch (a.type()) {
            case FLOAT -> w.fixed32(OnnxFields.Attribute.F, a.floatValue());
            case INT -> w.varint(OnnxFields.Attribute.I, a.intValue());
            case STRING -> w.string(OnnxFields.Attribute.S, a.stringValue());
            case TENSOR -> w.message(OnnxFields.Attribute.T, m -> tensor(m, a.tensorValue()));
            case FLOATS -> w.packedFloats(OnnxFields.Attribute.FLOATS, a.floatsValue());
            case INTS -> w.packedVarints(OnnxFields.Attribute.INTS, a.intsValue());
            case STRINGS -> a.stringsValue().forEach(s -> w.string(OnnxFields.Attribute.STRINGS, s));
        }
        w.varint(OnnxFields.Attribute.TYPE, a.type().code());
    }

    private static void tensor(ProtoWriter w, OnnxTensor t) {
        w.packedVarints(OnnxFields.Tensor.DIMS, t.dims());
        w.varint(OnnxFields.Tensor.DATA_TYPE, t.dataType().code());
        w.string(OnnxFields.Tensor.NAME, t.name());
        w.bytes(OnnxFields.Tensor.RAW_DATA, t.rawData());
    }

    private static void valueInfo(ProtoWriter w, OnnxValueInfo v) {
        w.string(OnnxFields.ValueInfo.NAME, v.name());
        w.message(OnnxFields.ValueInfo.TYPE, type -> type.message(OnnxFields.TypeProto.TENSOR_TYPE, tensorType -> {
            tensorType.varint(OnnxFields.TensorType.ELEM_TYPE, v.elementType().code());
            tensorType.message(OnnxFields.TensorType.SHAPE, shape -> v.shape().forEach(d ->
                    shape.message(OnnxFields.TensorShape.DIM, dim -> {
                        if (d.isSymbolic()) {
                            dim.string(OnnxFields.Dimension.DIM_PARAM, d.param());
                        } else {
                            dim.varint(OnnxFields.Dimension.DIM_VALUE, d.value());
                        }
                    })));
        }));
    }
}
