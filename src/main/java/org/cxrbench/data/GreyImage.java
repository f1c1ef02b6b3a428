package org.cxrbench.data;

/**
 * A grey image with float pixels in [0, 1] (0 black), row-major. {@code bitDepth} is the precision it was decoded
 * from (8 or 16); a 16-bit PNG keeps all 16 bits (value / 65535).
 */
public record GreyImage(int width, int height, float[] pixels, int bitDepth) {
    public GreyImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " with " + pixels.length + " pixels");
        }
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }
}
