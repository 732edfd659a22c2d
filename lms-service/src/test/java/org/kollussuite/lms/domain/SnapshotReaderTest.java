package org.kollussuite.lms.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void valuesAreReadWhateverTheirJsonTypeAndUnknownContentAnywhereIsSkipped() {
        String document = "{\"extra\":{\"deep\":[1,{\"user_info\":{\"client_user_id\":\"wrong\"}}]},"
                + "\"user_info\":{\"client_user_id\":12345,\"more\":[[],{}],\"player_id\":true},"
                + "\"content_info\":{\"media_content_key\":\"mck\",\"start_at\":\"1700000000\",\"playtime\":30.0,"
                + "\"real_playtime\":null},"
                + "\"block_info\":{\"blocks\":{\"b1\":\"1\",\"t1\":20,\"x\":{\"b2\":1}},\"block_count\":3},"
                + "\"content_info_copy\":\"ignored\"}";

        Snapshot snapshot = reader.read(CHANNEL, CallbackParameters.of(Map.of("json_data", document,
                "real_playtime", "25")));

        assertEquals(new ProgressKey("math-channel", "mck", "12345"), snapshot.key());
        assertEquals("true", snapshot.playerId());
        assertEquals(1700000000L, snapshot.startAt());
        assertEquals(30, snapshot.playtime());
        assertEquals(25, snapshot.realPlaytime(), "a JSON null falls back to the plain parameter");
        assertArrayEquals(new boolean[] {false, true, false}, snapshot.watched(), "b2 inside x is not a block field");
        assertEquals(20, snapshot.time()[1]);
    }

    @Test
    void aSectionThatIsNotAnObjectLeavesItsFieldsToThePlainParameters() {
        String document = "{\"user_info\":\"learner\",\"content_info\":[\"mck\"],\"block_info\":null}";

        Snapshot snapshot = reader.read(CHANNEL, CallbackParameters.of(Map.of("json_data", document,
                "client_user_id", "learner", "media_content_key", "mck", "start_at", "5", "block_count", "4")));

        assertEquals(new ProgressKey("math-channel", "mck", "learner"), snapshot.key());
        assertEquals(5, snapshot.startAt());
        assertEquals(4, snapshot.blockCount());
    }

    @ParameterizedTest(name = "{0} gets 400 {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'content_info':{'playtime':{'a':1}}}                          | invalid_parameter | playtime: an integer is expected",
            "{'block_info':{'block_count':2,'blocks':{'b0':[1]}}}           | invalid_parameter | b0: an integer is expected",
            "{'user_info':{'client_user_id':'a'},'user_info':{}}            | malformed_json    | Duplicate field 'user_info'",
            "{'extra':{'a':1,'a':2},'user_info':{'client_user_id':'a'}}     | malformed_json    | Duplicate field 'a'",
            "{'extra':[1,2,,}],'user_info':{'client_user_id':'a'}}          | malformed_json    | json_data is not valid JSON",
            "[{'user_info':{'client_user_id':'a'}}]                         | malformed_json    | json_data must be a JSON object",
            "'just text'                                                    | malformed_json    | a JSON object or array is expected"
    })
    void whatTheDocumentCannotHoldIsRefused(String document, String error, String message) {
        CallbackParameters parameters = CallbackParameters.of(Map.of("json_data", document.replace('\'', '"'),
                "client_user_id", "learner", "media_content_key", "mck", "start_at", "5"));

        RejectedRequestException refusal = assertThrows(RejectedRequestException.class,
                () -> reader.read(CHANNEL, parameters));

        assertEquals(error, refusal.error());
        assertTrue(refusal.getMessage().contains(message), refusal.getMessage());
    }
}
