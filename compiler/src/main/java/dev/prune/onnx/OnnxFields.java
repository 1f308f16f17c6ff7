package dev.prune.onnx;

/**
 * Field numbers of the public onnx.proto schema, for the messages this package writes and reads. One
 * place, so that writer and reader cannot disagree.
 */
final class OnnxFields {

    private OnnxFields() {
    }

    static final class Model {
        static final int IR_VERSION = 1;
        static final int PRODUCER_NAME = 2;
        static final int PRODUCER_VERSION = 3;
        static final int GRAPH = 7;
        static final int OPSET_IMPORT = 8;
        static final int METADATA_PROPS = 14;
    }

    static final class StringStringEntry {
        static final int KEY = 1;
        static final int VALUE = 2;
    }

    static final class OperatorSetId {
        static final int DOMAIN = 1;
        static final int VERSION = 2;
    }

    static final class Graph {
        static final int NODE = 1;
        static final int NAME = 2;
        static final int INITIALIZER = 5;
        static final int INPUT = 11;
        static final int OUTPUT = 12;
    }

    static final class Node {
        static final int INPUT = 1;
        static final int OUTPUT = 2;
        static final int NAME = 3;
        static final int OP_TYPE = 4;
        static final int ATTRIBUTE = 5;
        static final int DOMAIN = 7;
    }

    static final class Attribute {
        static final int NAME = 1;
        static final int F = 2;
        static final int I = 3;
        static final int S = 4;
        static final int T = 5;
        static final int G = 6;
        static final int FLOATS = 7;
        static final int INTS = 8;
        static final int STRINGS = 9;
        static final int TYPE = 20;
    }

    static final class Tensor {
        static final int DIMS = 1;
        static final int DATA_TYPE = 2;
        static final int FLOAT_DATA = 4;
        static final int INT32_DATA = 5;
        static final int INT64_DATA = 7;
        static final int NAME = 8;
        static final int RAW_DATA = 9;
        static final int DOUBLE_DATA = 10;
        static final int EXTERNAL_DATA = 13;
        static final int DATA_LOCATION = 14;
    }

    static final class ValueInfo {
        static final int NAME = 1;
        static final int TYPE = 2;
    }

    static final class TypeProto {
        static final int TENSOR_TYPE = 1;
    }

    static final class TensorType {
        static final int ELEM_TYPE = 1;
        static final int SHAPE = 2;
    }

    static final class TensorShape {
        static final int DIM = 1;
    }

    static final class Dimension {
        static final int DIM_VALUE = 1;
        static final int DIM_PARAM = 2;
    }
}
