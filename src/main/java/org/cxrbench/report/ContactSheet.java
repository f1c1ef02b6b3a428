package org.cxrbench.report;

import java.util.List;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/** Grids of grey images on a white background (rows of equal-size tiles); no text, so no font is needed. */
public final class ContactSheet {
    private ContactSheet() {}

    public static GreyImage grid(List<List<GreyImage>> rows, int tile) {
        int gap = 4;
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        int w = cols * tile + (cols + 1) * gap;
        int h = rows.size() * tile + (rows.size() + 1) * gap;
        float[] p = new float[w * h];
        java.util.Arrays.fill(p, 1f);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                GreyImage g = rows.get(r).get(c);
                if (g.width() != tile || g.height() != tile) {
                    g = Resize.toSquare(g, tile, Resize.Square.CROP, Resize.Filter.AREA);
                }
                int x0 = gap + c * (tile + gap);
                int y0 = gap + r * (tile + gap);
                for (int y = 0; y < tile; y++) {
                    System.arraycopy(g.pixels(), y * tile, p, (y0 + y) * w + x0, tile);
                }
            }
        }
        return new GreyImage(w, h, p, 8);
    }

    /** The image with the outline of a 0/1 mask drawn in white. */
    public static GreyImage outline(GreyImage img, byte[] mask) {
        int w = img.width();
        int h = img.height();
        float[] p = img.pixels().clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x] == 0) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || mask[y * w + x - 1] == 0
                        || mask[y * w + x + 1] == 0 || mask[(y - 1) * w + x] == 0 || mask[(y + 1) * w + x] == 0;
                if (edge) {
                    p[y * w + x] = 1f;
                }
            }
        }
        return new GreyImage(w, h, p, img.bitDepth());
    }
}
