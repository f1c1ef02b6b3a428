package org.cxrbench.data;

import java.util.Arrays;
import org.cxrbench.common.BadInputException;

/**
 * The 14 CheXpert label values of one image: {@link #POSITIVE} 1, {@link #NEGATIVE} 0, {@link #UNCERTAIN} -1,
 * or {@link #BLANK} (not mentioned / not annotated). Immutable.
 */
public final class Labels {
    /** The label rows of {@code rows} (null labels stay null). */
    public static byte[][] rows(byte[][] labels, int[] rows) {
        if (labels == null) {
            return null;
        }
        byte[][] out = new byte[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    public static final byte POSITIVE = 1;
    public static final byte NEGATIVE = 0;
    public static final byte UNCERTAIN = -1;
    public static final byte BLANK = Byte.MIN_VALUE;

    private final byte[] values;

    private Labels(byte[] values) {
        this.values = values;
    }

    public static Labels allBlank() {
        byte[] v = new byte[ChexpertLabel.COUNT];
        Arrays.fill(v, BLANK);
        return new Labels(v);
    }

    public static Labels of(byte[] values) {
        if (values.length != ChexpertLabel.COUNT) {
            throw new IllegalArgumentException("need 14 label values, got " + values.length);
        }
        for (byte b : values) {
            if (b != POSITIVE && b != NEGATIVE && b != UNCERTAIN && b != BLANK) {
                throw new IllegalArgumentException("label value must be 1, 0, -1 or blank, got " + b);
            }
        }
        return new Labels(values.clone());
    }

    public byte get(ChexpertLabel l) {
        return values[l.ordinal()];
    }

    public boolean isPositive(ChexpertLabel l) {
        return values[l.ordinal()] == POSITIVE;
    }

    public Labels with(ChexpertLabel l, byte v) {
        byte[] c = values.clone();
        c[l.ordinal()] = v;
        return of(c);
    }

    public byte[] toArray() {
        return values.clone();
    }

    /**
     * Parses one label cell as written by CheXpert/MIMIC ("1.0", "0.0", "-1.0", "") or by a manifest
     * ("1", "0", "-1", ""). Anything else is bad input naming the file, row and column.
     */
    public static byte parseCell(String raw, Object file, long row, String column) {
        String s = raw.trim();
        switch (s) {
            case "":
            case "nan":
            case "NaN":
                return BLANK;
            case "1":
            case "1.0":
            case "True":
            case "true":
                return POSITIVE;
            case "0":
            case "0.0":
            case "False":
            case "false":
                return NEGATIVE;
            case "-1":
            case "-1.0":
                return UNCERTAIN;
            default:
                throw BadInputException.at(file, row, "unknown label value '" + raw + "' in column '" + column + "'",
                        "use 1, 0, -1 or leave it blank");
        }
    }

    public static String format(byte v) {
        return switch (v) {
            case POSITIVE -> "1";
            case NEGATIVE -> "0";
            case UNCERTAIN -> "-1";
            default -> "";
        };
    }

    /** CheXpert's uncertainty policies (Irvin et al. 2019): map -1 to 1 (U-Ones), 0 (U-Zeros) or keep it (U-Ignore). */
    public enum UncertaintyPolicy {
        U_ONES, U_ZEROS, U_IGNORE;

        public static UncertaintyPolicy parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "-")) {
                case "u-ones", "ones" -> U_ONES;
                case "u-zeros", "zeros" -> U_ZEROS;
                case "u-ignore", "ignore" -> U_IGNORE;
                default -> throw new BadInputException("unknown uncertainty policy '" + s
                        + "'; use u-ones, u-zeros or u-ignore");
            };
        }
    }

    public Labels apply(UncertaintyPolicy p) {
        if (p == UncertaintyPolicy.U_IGNORE) {
            return this;
        }
        byte[] c = values.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == UNCERTAIN) {
                c[i] = p == UncertaintyPolicy.U_ONES ? POSITIVE : NEGATIVE;
            }
        }
        return new Labels(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(values, l.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (ChexpertLabel l : ChexpertLabel.values()) {
            if (values[l.ordinal()] != BLANK) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(l.displayName()).append('=').append(format(values[l.ordinal()]));
            }
        }
        return b.append('}').toString();
    }
}
