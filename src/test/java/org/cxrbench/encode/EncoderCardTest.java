package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cxrbench.common.RoundTrips.assertRoundTrips;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;

/** The shipped encoder card (written by the map-built code before the record) binds and is written back byte for byte. */
class EncoderCardTest {
    @Test
    void theShippedCardRoundTripsByteForByte() throws Exception {
        String shipped;
        try (InputStream in = CxrCnn.class.getResourceAsStream(CxrCnn.CARD)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        EncoderCard card = Json.MAPPER.readValue(shipped, EncoderCard.class);
        assertThat(Json.toString(card) + "\n").isEqualTo(shipped);
        assertThat(card.heldOutAuroc()).containsKeys("nih-test", "phantom-test");
        assertThat(assertRoundTrips(card, EncoderCard.class)).isEqualTo(card);
    }
}
