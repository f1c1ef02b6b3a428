package org.cxrbench.utility;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The utility segmenter: a small U-Net (Ronneberger et al. 2015) from DJL's blocks, two levels down: double 3x3 conv
 * blocks (conv, batch norm, ReLU, twice) with 16, 32 and 64 channels, 2x2 max pooling down, the skip connection concatenated after the upsampled map, and a 1x1 conv to one logit map per
 * structure. Up: 2x nearest-neighbour upsampling and a 3x3 conv (DJL's PyTorch engine lacks transposed
 * convolution). Input side divisible by 4. Its PyTorch twin is in src/test/resources/utility/resnet_small_torch.py.
 */
public final class UNetSmall {
    private UNetSmall() {}

    public static SequentialBlock build(int structures) {
        Block inner = new SequentialBlock()
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(doubleConv(64))
                .add(up(32));
        Block middle = new SequentialBlock()
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(doubleConv(32))
                .add(skip(inner))
                .add(doubleConv(32))
                .add(up(16));
        return new SequentialBlock()
                .add(doubleConv(16))
                .add(skip(middle))
                .add(doubleConv(16))
                .add(Conv2d.builder().setFilters(structures).setKernelShape(new Shape(1, 1)).build());
    }

    /** [down-and-up branch, identity] concatenated on the channel axis. */
    static Block skip(Block branch) {
        return new ParallelBlock(l -> new NDList(NDArrays.concat(new NDList(l.get(0).singletonOrThrow(),
                l.get(1).singletonOrThrow()), 1)), Arrays.asList(branch, Blocks.identityBlock()));
    }

    /** 2x nearest-neighbour upsampling then a 3x3 conv (DJL's PyTorch engine has no transposed convolution). */
    static Block up(int channels) {
        return new SequentialBlock()
                .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "upsample2x"))
                .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
    }

    static Block doubleConv(int channels) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            b.add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        return b;
    }
}
