package org.cxrbench.common;

/**
 * Bad input or usage: the CLI maps it to exit code 2 and prints {@link #getMessage()} as one line.
 * The message must name the file (and row) and say what to do.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file:row: problem; what to do" with a 1-based row number (row counts the header as row 1). */
    public static BadInputException at(Object file, long row, String problem, String fix) {
        return new BadInputException(file + ":" + row + ": " + problem + "; " + fix);
    }

    public static BadInputException of(Object file, String problem, String fix) {
        return new BadInputException(file + ": " + problem + "; " + fix);
    }
}
