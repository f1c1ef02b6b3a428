package org.cxrbench.data;

import org.cxrbench.common.BadInputException;

/**
 * Run-length-encoded masks as the SIIM-ACR Pneumothorax challenge writes them ({@code train-rle.csv}, Kaggle's
 * {@code mask_functions.py}): "-1" for no mask, otherwise pairs "start length" where each start is RELATIVE, counted
 * from the end of the previous run (the first from pixel 0), over the pixels in COLUMN-major order (the flat index
 * runs down each column: index k is row k % height, column k / height). {@code origin} 1 reads starts that count
 * from 1 (the variant some CANDID-PTX code decodes), 0 is SIIM's.
 */
public final class RunLength {
    private RunLength() {}

    /** Sets the encoded pixels to 1 in {@code mask} (row-major, width x height), keeping pixels already set (union). */
    public static void decodeInto(String rle, int width, int height, int origin, byte[] mask, Object file, long row) {
        String s = rle.trim();
        if (s.isEmpty() || s.equals("-1")) {
            return;
        }
        String[] t = s.split("\\s+");
        if (t.length % 2 != 0) {
            throw BadInputException.at(file, row, "run-length mask has an odd number of values (" + t.length + ")",
                    "give start/length pairs, or -1 for no mask");
        }
        long total = (long) width * height;
        long pos = 0;
        for (int i = 0; i < t.length; i += 2) {
            long start;
            long len;
            try {
                start = Long.parseLong(t[i]);
                len = Long.parseLong(t[i + 1]);
            } catch (NumberFormatException e) {
                throw BadInputException.at(file, row, "run-length value '" + t[i] + " " + t[i + 1] + "' is not a pair of"
                        + " whole numbers", "give start/length pairs, or -1 for no mask");
            }
            pos += start - (i == 0 ? origin : 0);
            if (start < 0 || len < 0 || pos < 0 || pos + len > total) {
                throw BadInputException.at(file, row, "run " + (i / 2 + 1) + " (" + start + " " + len + ") ends at pixel "
                        + (pos + len) + " of a " + width + "x" + height + " image", "check the original image size and"
                        + " that the encoding is SIIM's relative column-major RLE");
            }
            for (long k = pos; k < pos + len; k++) {
                int y = (int) (k % height);
                int x = (int) (k / height);
                mask[y * width + x] = 1;
            }
            pos += len;
        }
    }

    /** Nearest-neighbour (pixel-centre) resampling of a 0/1 mask to another size. */
    public static byte[] resize(byte[] mask, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return mask;
        }
        byte[] out = new byte[nw * nh];
        for (int y = 0; y < nh; y++) {
            int sy = Math.min(h - 1, (int) ((y + 0.5) * h / nh));
            for (int x = 0; x < nw; x++) {
                int sx = Math.min(w - 1, (int) ((x + 0.5) * w / nw));
                out[y * nw + x] = mask[sy * w + sx];
            }
        }
        return out;
    }
}
