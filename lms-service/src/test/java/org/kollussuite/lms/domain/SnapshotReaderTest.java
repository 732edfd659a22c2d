package org.kollussuite.lms.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotReaderTest {

    private static final Channel CHANNEL = new Channel("MATH", "math-channel", "token", false, null, null, 0, false,
            null, null, null, null, 0, 0, false, null, null, "json_data", 90, 10);

    private static final String DOCUMENT = "{\"user_info\":{\"client_user_id\":\"learner\",\"player_id\":\"p1\"},"
            + "\"content_info\":{\"media_content_key\":\"mck\",\"start_at\":1700000000,\"playtime\":30},"
            + "\"block_info\":{\"block_count\":12,\"blocks\":{\"b0\":1,\"t0\":30,\"p0\":100,\"b11\":1,\"b011\":1,"
            + "\"bx\":1,\"t1s\":9,\"bb\":1,\"note\":\"x\"}}}";

    private final SnapshotReader reader = new SnapshotReader(1000);

    @ParameterizedTest
    @CsvSource({"b0, 0", "t12, 12", "p007, 7", "b99999999999, 2147483647", "b, -1", "x1, -1", "b1a, -1", "B1, -1",
            "t-1, -1", "'', -1"})
    void blockFieldNamesGiveTheirIndexAndOtherNamesNone(String field, long index) {
        assertEquals(index, SnapshotReader.blockIndex(field));
    }

    @Test
    void blockFieldsAreReadByIndexAndOtherFieldsIgnored() {
        Snapshot snapshot = reader.read(CHANNEL, CallbackParameters.of(Map.of("json_data", DOCUMENT)));

        boolean[] watched = new boolean[12];
        watched[0] = true;
        watched[11] = true;
        assertArrayEquals(watched, snapshot.watched());
        assertEquals(30, snapshot.time()[0]);
        assertEquals(100, snapshot.percent()[0]);
        assertEquals(0, snapshot.time()[1], "t1s is not a block field");
    }

    @Test
    void theStoredDocumentIsTheJsonTextAsSentEvenWhenEncodedTwice() {
        String twice = URLEncoder.encode(DOCUMENT, StandardCharsets.UTF_8);

        Snapshot snapshot = reader.read(CHANNEL, CallbackParameters.of(Map.of("json_data", " " + twice)));

        assertEquals(DOCUMENT, snapshot.raw());
        assertEquals(new ProgressKey("math-channel", "mck", "learner"), snapshot.key());
    }
}
