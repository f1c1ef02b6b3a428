package org.cxrbench.utility;

import java.util.List;
import org.cxrbench.linalg.Features;

/**
 * A training set as row selections of existing feature matrices (real and synthetic), never a copy of them: the
 * probe reads rows in place, so a condition costs O(rows) memory on top of the features.
 *
 * @param blocks in design order; design row r is block 0's rows first, then block 1's, ...
 */
public record TrainingRows(List<Block> blocks) {
    /**
     * @param features a feature matrix
     * @param rows     which of its rows, in order
     * @param labels   one label vector per row of {@code features} (not per selected row): values of
     *                 {@link org.cxrbench.data.Labels} (1 positive, 0 negative, -1 uncertain, BLANK)
     * @param source   where the rows come from ("real", "synthetic"), for the training-set description
     */
    public record Block(Features features, int[] rows, byte[][] labels, String source) {
        public Block {
            if (labels.length != features.n()) {
                throw new IllegalArgumentException(labels.length + " label rows for " + features.n() + " feature rows");
            }
        }
    }

    public TrainingRows {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        int d = blocks.get(0).features().d();
        for (Block b : blocks) {
            if (b.features().d() != d) {
                throw new IllegalArgumentException("blocks with " + d + " and " + b.features().d() + " features");
            }
        }
    }

    public static TrainingRows of(Block... blocks) {
        return new TrainingRows(List.of(blocks));
    }

    public int n() {
        int n = 0;
        for (Block b : blocks) {
            n += b.rows().length;
        }
        return n;
    }

    public int d() {
        return blocks.get(0).features().d();
    }

    public int labelCount() {
        for (Block b : blocks) {
            if (b.labels().length > 0) {
                return b.labels()[0].length;
            }
        }
        return 0;
    }

    /** Rows taken from blocks of the given source. */
    public int count(String source) {
        int n = 0;
        for (Block b : blocks) {
            if (b.source().equals(source)) {
                n += b.rows().length;
            }
        }
        return n;
    }
}
