package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: a typed result written, read back by the same Jackson binding, and written again gives the same bytes. */
public final class RoundTrips {
    private RoundTrips() {}

    /** Writes {@code value}, reads it as {@code type}, writes that again; asserts identical text and returns the copy. */
    public static <T> T assertRoundTrips(T value, Class<T> type) {
        String first = Json.toString(value);
        T back;
        try {
            back = Json.MAPPER.readValue(first, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("cannot read back " + type.getSimpleName() + ": " + e.getMessage() + "\n" + first, e);
        }
        assertThat(Json.toString(back)).as(type.getSimpleName() + " written, read and written again").isEqualTo(first);
        return back;
    }
}
