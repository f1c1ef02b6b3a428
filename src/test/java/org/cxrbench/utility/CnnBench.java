package org.cxrbench.utility;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.cxrbench.encode.NetTrainer;

/**
 * Training speed of the utility CNN (ResNetSmall) or U-Net (UNetSmall) through the shared DJL loop, on fixed random
 * inputs, beside the PyTorch twin (src/test/resources/utility/resnet_small_torch.py; bench_cnn.sh runs both sides
 * alternately). {@code java -cp ... org.cxrbench.utility.CnnBench resnet|unet SIZE STEPS BATCH}. DJL runs PyTorch
 * with one intra-op thread (the project's determinism setting). A benchmark, not a test.
 */
public final class CnnBench {
    public static void main(String[] args) {
        String model = args[0];
        int size = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        boolean resnet = model.equals("resnet");
        Shape out = resnet ? new Shape(14) : new Shape(3, size, size);
        SplittableRandom r = new SplittableRandom(0);
        float[] x = new float[batch * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int no = (int) out.size() * batch;
        float[] y = new float[no];
        float[] m = new float[no];
        for (int i = 0; i < no; i++) {
            y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            m[i] = r.nextDouble() < 0.8 ? 1 : 0;
        }
        try (NetTrainer t = new NetTrainer("bench", resnet ? ResNetSmall.build(14) : UNetSmall.build(3),
                new Shape(1, size, size), out, 0.002, 0)) {
            t.step(x, y, m, batch); // warm-up
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                t.step(x, y, m, batch);
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            System.out.printf("djl %s %d px, 1 thread: %.1f images/s (%d steps of %d)%n", model, size, steps * batch / dt,
                    steps, batch);
        }
    }
}
