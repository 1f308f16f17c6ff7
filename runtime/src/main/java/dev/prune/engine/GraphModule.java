package dev.prune.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Graph} made executable on DJL: its parameters as arrays in one manager (trainable ones with
 * gradients), and a forward pass that runs the nodes in order. The graph stays the description; this
 * holds the numbers while they train, and {@link #toGraph()} gives them back as a graph.
 *
 * <p>Arrays made during a forward pass belong to the caller's step manager, never to this module's, so a
 * training step frees everything it made when its manager closes (STACK.md: without that, RSS grows
 * by gigabytes).
 */
public final class GraphModule implements AutoCloseable {

    private final Graph graph;
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final List<String> trainable = new ArrayList<>();
    private final java.util.Set<NDArray> owned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public GraphModule(Graph graph, NDManager parent) {
        if (!graph.isMaterialized()) {
            throw new IllegalArgumentException("graph " + graph.name() + " has no weight data (built with shapes only)");
        }
        this.graph = graph;
        this.manager = parent.newSubManager();
        for (Parameter parameter : graph.parameters().values()) {
            NDArray array = create(manager, parameter.value());
            array.setName(parameter.name());
            if (parameter.isTrainable()) {
                array.setRequiresGradient(true);
                trainable.add(parameter.name());
            }
            arrays.put(parameter.name(), array);
            owned.add(array);
        }
    }

    /**
     * The share of a batch's statistics that one TRAIN forward mixes into BatchNorm's running statistics
     * (PyTorch's {@code momentum}): running = (1 − m)·running + m·batch.
     */
    public static double batchNormMomentum() {
        return 1 - (double) Kernels.DJL_BATCH_NORM_MOMENTUM;
    }

    public Graph graph() {
        return graph;
    }

    /** The trainable parameters' names, in the graph's order. */
    public List<String> trainableNames() {
        return List.copyOf(trainable);
    }

    public NDArray array(String parameter) {
        NDArray array = arrays.get(parameter);
        if (array == null) {
            throw new IllegalArgumentException("no parameter " + parameter);
        }
        return array;
    }

    /** Runs the graph on {@code input} (batch first); the result and every intermediate belong to {@code step}. */
    public NDArray forward(NDManager step, NDArray input, Mode mode, LambdaPolicy lambdas) {
        Map<String, NDArray> values = new HashMap<>(arrays);
        values.put(graph.inputs().get(0).name(), input);
        for (Node node : graph.nodes()) {
            List<NDArray> in = new ArrayList<>(node.inputs().size());
            for (String name : node.inputs()) {
                NDArray value = values.get(name);
                if (value == null) {
                    throw new IllegalStateException("node " + node.name() + " reads " + name + ", which nothing computed");
                }
                in.add(value);
            }
            float lambda = node.op() == dev.prune.ir.Op.BLEND ? lambdas.lambda(node) : 0f;
            List<NDArray> out = Kernels.apply(node, in, mode, lambda);
            for (int i = 0; i < out.size(); i++) {
                NDArray result = out.get(i);
                if (!owned.contains(result) && result.getManager() != step) {
                    result.attach(step);
                }
                values.put(node.outputs().get(i), result);
            }
        }
        return values.get(graph.outputNames().get(0));
    }

    /** The current numbers as a graph: same structure, parameters replaced by the trained values. */
    public Graph toGraph() {
        Map<String, Tensor> values = new LinkedHashMap<>();
        arrays.forEach((name, array) -> values.put(name, toTensor(array)));
        return graph.withParameters(values);
    }

    /** Overwrites parameters in place (restoring a checkpoint), keeping gradients attached. */
    public void load(Map<String, Tensor> values) {
        values.forEach((name, tensor) -> {
            NDArray array = array(name);
            if (!java.util.Arrays.equals(array.getShape().getShape(), java.util.Arrays.stream(tensor.shape()).asLongStream().toArray())) {
                throw new IllegalArgumentException(name + " has shape " + array.getShape() + ", the values " + java.util.Arrays.toString(tensor.shape()));
            }
            array.set(tensor.toArray());
        });
    }

    public static Tensor toTensor(NDArray array) {
        long[] shape = array.getShape().getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = (int) shape[i];
        }
        return Tensor.of(array.toFloatArray(), dims);
    }

    /**
     * A float32 array in memory that libtorch owns. PyTorch's tensor made from a direct buffer aliases the
     * buffer, and DJL keeps no reference to it: once the buffer is collected, its memory is freed under a
     * live tensor (garbage weights, NaN gradients, crashes in native code). So the view is copied, and the
     * buffer is kept reachable until the copy exists. ({@code create(float[])} would leave its own buffer to
     * the GC in the same way: STACK.md.)
     */
    public static NDArray create(NDManager manager, Tensor tensor) {
        int[] dims = tensor.shape();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.max(1, tensor.size()) * Float.BYTES).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(tensor.buffer());
        try (NDArray view = manager.create(buffer, new Shape(shape), DataType.FLOAT32)) {
            return view.duplicate();
        } finally {
            java.lang.ref.Reference.reachabilityFence(buffer);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
