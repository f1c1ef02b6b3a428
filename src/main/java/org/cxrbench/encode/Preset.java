package org.cxrbench.encode;

import java.util.List;
import java.util.Locale;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * How an image becomes a model's input tensor, and which output is the feature. Grey images go through one
 * explicit, recorded policy: grey values in [0,1] (a 16-bit PNG keeps its 16 bits; no windowing, no 8-bit
 * rounding), replicated to the model's channel count, then scaled: {@code (value * scale + offset - mean) / std}.
 *
 * @param resize      {@code stretch}: resize to size x size ignoring aspect (pytorch-fid);
 *                    {@code short-side}: resize the short side to {@code resizeTo} (torchvision's rule for the long
 *                    side), then centre crop size x size (Python's round for the offset)
 * @param filter      resampling filter (bilinear-naive for pytorch-fid; bicubic anti-aliased for ViT processors)
 * @param output      {@code vector}: the output as a flat vector; {@code cls}: the first token of [1, tokens, dim]
 */
public record Preset(String name, int channels, int size, String resize, int resizeTo, Resize.Filter filter,
                     double scale, double offset, double[] mean, double[] std, String output) {

    public static final List<String> NAMES = List.of("inception-v3-fid", "xrv-densenet121", "raddino", "dinov2", "clip");

    public static Preset named(String n) {
        String key = n.trim().toLowerCase(Locale.ROOT);
        if (key.matches("gr[ae]y\\d{1,4}")) {
            // grayN (a quality classifier's input): one channel, short side resized to N (area), centre crop N x N,
            // grey values in [0,1] as they are, the output as a vector
            int size = Integer.parseInt(key.substring(4));
            if (size < 8 || size > 1024) {
                throw new BadInputException("--preset " + n + ": give grayN with N in 8..1024");
            }
            return new Preset("gray" + size, 1, size, "short-side", size, Resize.Filter.AREA, 1, 0, new double[] {0},
                    new double[] {1}, "vector");
        }
        return switch (n.trim().toLowerCase(Locale.ROOT)) {
            // pytorch-fid: [0,1] -> bilinear resize to 299 without anti-aliasing -> 2x - 1; 2048-d pool3 features
            case "inception-v3-fid" -> new Preset("inception-v3-fid", 3, 299, "stretch", 299, Resize.Filter.BILINEAR_NAIVE,
                    2, -1, new double[] {0, 0, 0}, new double[] {1, 1, 1}, "vector");
            // torchxrayvision: one channel scaled to [-1024, 1024], 224 px (centre crop to square, area resize)
            case "xrv-densenet121" -> new Preset("xrv-densenet121", 1, 224, "short-side", 224, Resize.Filter.AREA,
                    2048, -1024, new double[] {0}, new double[] {1}, "vector");
            // RadDino's image processor: short side 518 (bicubic), centre crop 518, mean 0.5307, std 0.2583, CLS token
            case "raddino" -> new Preset("raddino", 3, 518, "short-side", 518, Resize.Filter.BICUBIC, 1, 0,
                    new double[] {0.5307, 0.5307, 0.5307}, new double[] {0.2583, 0.2583, 0.2583}, "cls");
            // DINOv2's processor: short side 256 (bicubic), centre crop 224, ImageNet mean/std, CLS token
            case "dinov2" -> new Preset("dinov2", 3, 224, "short-side", 256, Resize.Filter.BICUBIC, 1, 0,
                    new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, "cls");
            // CLIP's processor: short side 224 (bicubic), centre crop 224, CLIP mean/std; output: the image embedding
            case "clip" -> new Preset("clip", 3, 224, "short-side", 224, Resize.Filter.BICUBIC, 1, 0,
                    new double[] {0.48145466, 0.4578275, 0.40821073}, new double[] {0.26862954, 0.26130258, 0.27577711},
                    "cls");
            default -> throw new BadInputException("unknown --preset '" + n + "'; use " + String.join(", ", NAMES)
                    + ", or grayN (one grey channel in [0,1], N x N)");
        };
    }

    /** Everything that changes the tensor, for the cache key and provenance. */
    public String fingerprint() {
        return String.format(Locale.ROOT, "preset=%s;channels=%d;size=%d;resize=%s:%d;filter=%s;scale=%s;offset=%s;"
                + "mean=%s;std=%s;output=%s;grey=[0,1]-replicated", name, channels, size, resize, resizeTo,
                filter.name().toLowerCase(Locale.ROOT), scale, offset, java.util.Arrays.toString(mean),
                java.util.Arrays.toString(std), output);
    }

    /**
     * The feature from a model output of the given shape (batch of one): {@code vector} flattens it;
     * {@code cls} takes token 0 of [1, tokens, dim], or a [1, dim] output as it is (e.g. CLIP's image_embeds).
     */
    public static float[] select(Preset p, float[] out, long[] shape) {
        if (p.output().equals("cls") && shape.length == 3) {
            return java.util.Arrays.copyOf(out, (int) shape[2]);
        }
        if (p.output().equals("cls") && shape.length != 2) {
            throw new IllegalStateException("preset " + p.name() + " expects [1, tokens, dim] or [1, dim], got "
                    + java.util.Arrays.toString(shape));
        }
        return out;
    }

    /** The CHW float tensor (batch of one) for an image. */
    public float[] tensor(GreyImage img) {
        GreyImage g;
        if (resize.equals("stretch")) {
            g = Resize.resize(img, size, size, filter);
        } else {
            int w = img.width();
            int h = img.height();
            int nw;
            int nh;
            if (h <= w) {
                nh = resizeTo;
                nw = (int) ((long) resizeTo * w / h);
            } else {
                nw = resizeTo;
                nh = (int) ((long) resizeTo * h / w);
            }
            GreyImage r = Resize.resize(img, nw, nh, filter);
            int top = (int) Math.rint((nh - size) / 2.0);
            int left = (int) Math.rint((nw - size) / 2.0);
            float[] p = new float[size * size];
            for (int y = 0; y < size; y++) {
                System.arraycopy(r.pixels(), (top + y) * nw + left, p, y * size, size);
            }
            g = new GreyImage(size, size, p, img.bitDepth());
        }
        int plane = size * size;
        float[] t = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                t[c * plane + i] = (float) ((g.pixels()[i] * scale + offset - mean[c]) / std[c]);
            }
        }
        return t;
    }
}
