package dev.prune.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zoo's ResNet and ConvNeXt written by hand with DJL's own blocks, as a DJL user would write them
 * (a {@link SequentialBlock} of {@link Conv2d}, {@link BatchNorm}, {@link LayerNorm}, {@link Linear}; residuals
 * as a {@link ParallelBlock} that adds its branches). Each DJL parameter is bound to the IR parameter of the
 * same meaning, so that {@link Net#copyFrom(Graph)} can start both networks from the same weights.
 */
final class HandWrittenDjl {

    private HandWrittenDjl() {
    }

    /** A DJL network and which of its parameters holds which IR parameter. */
    static final class Net {

        private final SequentialBlock block = new SequentialBlock();
        private final Map<String, Binding> bindings = new LinkedHashMap<>();

        Block block() {
            return block;
        }

        /**
         * Writes every IR parameter's value into its DJL parameter; call after the block is initialised.
         *
         * @throws IllegalStateException if the two networks do not have the same parameters with the same shapes
         */
        void copyFrom(Graph graph) {
            if (!bindings.keySet().equals(graph.parameters().keySet())) {
                throw new IllegalStateException("the hand-written network binds " + bindings.keySet() + ", the graph has "
                        + graph.parameters().keySet());
            }
            bindings.forEach((name, binding) -> {
                NDArray array = binding.owner.getParameters().get(binding.parameter).getArray();
                Tensor value = graph.parameters().get(name).value();
                long[] expected = Arrays.stream(value.shape()).asLongStream().toArray();
                if (!Arrays.equals(expected, array.getShape().getShape())) {
                    throw new IllegalStateException(name + " is " + Arrays.toString(value.shape()) + " in the graph, "
                            + array.getShape() + " in DJL");
                }
                // Parameter.setArray refuses an initialised parameter (STACK.md): write through the array.
                array.set(value.toArray());
            });
        }

        private <B extends Block> B bind(B owner, String module, String... irSuffixAndDjlName) {
            for (int i = 0; i < irSuffixAndDjlName.length; i += 2) {
                bindings.put(module + "." + irSuffixAndDjlName[i], new Binding(owner, irSuffixAndDjlName[i + 1]));
            }
            return owner;
        }

        private Block conv(String module, int filters, int kernel, int stride, int padding, int groups, boolean bias) {
            Conv2d conv = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                    .optPadding(new Shape(padding, padding)).optGroups(groups).optBias(bias).build();
            return bias ? bind(conv, module, "weight", "weight", "bias", "bias") : bind(conv, module, "weight", "weight");
        }

        private Block batchNorm(String module) {
            BatchNorm bn = BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
            return bind(bn, module, "weight", "gamma", "bias", "beta", "running_mean", "runningMean", "running_var", "runningVar");
        }

        /** LayerNorm over {@code axis}, which must be the last one (channels-last maps, or [N, C] vectors). */
        private Block layerNorm(String module, int axis) {
            return bind(LayerNorm.builder().axis(axis).optEpsilon(1e-6f).build(), module, "weight", "gamma", "bias", "beta");
        }

        private Block linear(String module, int units) {
            return bind(Linear.builder().setUnits(units).optBias(true).build(), module, "weight", "weight", "bias", "bias");
        }

        private Block layerScale(String module, int channels) {
            return bind(new LayerScale(channels), module, "layer_scale", "gamma");
        }
    }

    private record Binding(Block owner, String parameter) {
    }

    /** torchvision's ResNet with basic blocks, as the zoo builds it (stem conv 7×7/2, max pool 3×3/2). */
    static Net resnet(int[] depths, int[] widths, int classes) {
        Net net = new Net();
        net.block.add(net.conv("conv1", widths[0], 7, 2, 3, 1, false))
                .add(net.batchNorm("bn1"))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int channels = widths[0];
        for (int stage = 0; stage < depths.length; stage++) {
            for (int block = 0; block < depths[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                net.block.add(basicBlock(net, "layer" + (stage + 1) + "." + block, channels, widths[stage], stride));
                channels = widths[stage];
            }
        }
        net.block.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(net.linear("fc", classes));
        return net;
    }

    private static Block basicBlock(Net net, String prefix, int inChannels, int planes, int stride) {
        SequentialBlock body = new SequentialBlock()
                .add(net.conv(prefix + ".conv1", planes, 3, stride, 1, 1, false))
                .add(net.batchNorm(prefix + ".bn1"))
                .add(Activation.reluBlock())
                .add(net.conv(prefix + ".conv2", planes, 3, 1, 1, 1, false))
                .add(net.batchNorm(prefix + ".bn2"));
        Block shortcut = stride == 1 && inChannels == planes ? Blocks.identityBlock()
                : new SequentialBlock()
                        .add(net.conv(prefix + ".downsample.0", planes, 1, stride, 0, 1, false))
                        .add(net.batchNorm(prefix + ".downsample.1"));
        return new SequentialBlock()
                .add(new ParallelBlock(HandWrittenDjl::sum, List.of(body, shortcut)))
                .add(Activation.reluBlock());
    }

    /**
     * torchvision's ConvNeXt as the zoo builds it: patchify stem, blocks of dw7×7 → channels-last LayerNorm →
     * Linear 4C → GELU → Linear C → channels-first × γ, plus the input; LayerNorm2d + conv 2×2/2 between stages.
     *
     * @param stem the stem's patch size (the zoo picks 2 for 28×28 with four stages)
     */
    static Net convnext(int[] depths, int[] dims, int stem, int classes) {
        Net net = new Net();
        net.block.add(net.conv("features.0.0", dims[0], stem, stem, 0, 1, true))
                .add(layerNorm2d(net, "features.0.1"));
        int feature = 1;
        for (int stage = 0; stage < depths.length; stage++) {
            for (int block = 0; block < depths[stage]; block++) {
                net.block.add(convnextBlock(net, "features." + feature + "." + block, dims[stage]));
            }
            feature++;
            if (stage + 1 < depths.length) {
                String prefix = "features." + feature++;
                net.block.add(layerNorm2d(net, prefix + ".0"))
                        .add(net.conv(prefix + ".1", dims[stage + 1], 2, 2, 0, 1, true));
            }
        }
        net.block.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(net.layerNorm("classifier.0", 1))
                .add(net.linear("classifier.2", classes));
        return net;
    }

    private static Block convnextBlock(Net net, String prefix, int dim) {
        SequentialBlock body = new SequentialBlock()
                .add(net.conv(prefix + ".block.0", dim, 7, 1, 3, dim, true))
                .add(LambdaBlock.singleton(x -> x.transpose(0, 2, 3, 1), "to_channels_last"))
                .add(net.layerNorm(prefix + ".block.2", 3))
                .add(net.linear(prefix + ".block.3", 4 * dim))
                .add(Activation.geluBlock())
                .add(net.linear(prefix + ".block.5", dim))
                .add(LambdaBlock.singleton(x -> x.transpose(0, 3, 1, 2), "to_channels_first"))
                .add(net.layerScale(prefix, dim));
        return new ParallelBlock(HandWrittenDjl::sum, List.of(body, Blocks.identityBlock()));
    }

    private static Block layerNorm2d(Net net, String module) {
        return new SequentialBlock()
                .add(LambdaBlock.singleton(x -> x.transpose(0, 2, 3, 1), "to_channels_last"))
                .add(net.layerNorm(module, 3))
                .add(LambdaBlock.singleton(x -> x.transpose(0, 3, 1, 2), "to_channels_first"));
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    /**
     * ConvNeXt's γ: a learned per-channel scale of a [N, C, H, W] map. DJL has no such block; this one follows
     * {@link AbstractBlock}'s checklist (version, parameter declared in the constructor, shapes, forward).
     */
    static final class LayerScale extends AbstractBlock {

        private static final byte VERSION = 1;

        private final Parameter gamma;

        LayerScale(int channels) {
            super(VERSION);
            gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(channels, 1, 1)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mul(store.getValue(gamma, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
