package org.cxrbench.utility;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The utility CNN classifier: a small ResNet (He et al. 2016, basic residual units as in DJL's ResNetV1) built from
 * DJL's blocks. Stem: 3x3 conv (16 channels, no bias), batch norm, ReLU. Three stages of one basic unit each with
 * 16, 32, 64 channels (the second and third halve the resolution with stride 2 and a 1x1 projection shortcut); a unit
 * is conv3x3-BN-ReLU-conv3x3-BN plus the shortcut, then ReLU. Global average pooling and a linear layer to the
 * outputs (14 labels). Works for any square input size divisible by 4; the PyTorch twin used as the speed reference
 * is src/test/resources/utility/resnet_small_torch.py.
 */
public final class ResNetSmall {
    private ResNetSmall() {}

    public static final int[] CHANNELS = {16, 32, 64};

    public static SequentialBlock build(int outputs) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(CHANNELS[0], 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int s = 0; s < CHANNELS.length; s++) {
            net.add(unit(CHANNELS[s], s == 0 ? 1 : 2, s > 0));
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(outputs).build());
    }

    static Conv2d conv(int channels, int kernel, int stride) {
        int pad = kernel / 2;
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
    }

    static Block unit(int channels, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(channels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(channels, 3, 1))
                .add(BatchNorm.builder().build());
        SequentialBlock shortcut = new SequentialBlock();
        if (project) {
            shortcut.add(conv(channels, 1, stride)).add(BatchNorm.builder().build());
        } else {
            shortcut.add(Blocks.identityBlock());
        }
        return new SequentialBlock()
                .add(new ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())),
                        Arrays.asList(main, shortcut)))
                .add(Activation.reluBlock());
    }
}
