package org.kollussuite.lms.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.callback.CallbackParameters;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.CorsOrigins;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;
import org.kollussuite.lms.mapping.ChannelMapping;
import org.kollussuite.lms.mapping.ChannelMappings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotReaderTest {

    private static final Channel CHANNEL = channel("json_data");
    private static final ChannelMapping DEFAULT = ChannelMappings.of(CHANNEL, Map.of());

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
        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", DOCUMENT)));

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

        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", " " + twice)));

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

        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", document,
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

        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", document,
                "client_user_id", "learner", "media_content_key", "mck", "start_at", "5", "block_count", "4")));

        assertEquals(new ProgressKey("math-channel", "mck", "learner"), snapshot.key());
        assertEquals(5, snapshot.startAt());
        assertEquals(4, snapshot.blockCount());
    }

    @ParameterizedTest(name = "{0} is unreadable: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'content_info':{'playtime':{'a':1}}}                          | INVALID_NUMBER | playtime: a number is expected",
            "{'content_info':{'playtime':'soon'}}                           | INVALID_NUMBER | playtime: 'soon' is not a number",
            "{'content_info':{'playtime':18446744073709551716}}             | INVALID_NUMBER | playtime 18446744073709551716 does not fit a signed 64-bit integer",
            "{'content_info':{'playtime':'18446744073709551716'}}           | INVALID_NUMBER | playtime 18446744073709551716 does not fit",
            "{'content_info':{'real_playtime':1e400}}                       | INVALID_NUMBER | real_playtime Infinity does not fit",
            "{'content_info':{'duration':'1e30'}}                           | INVALID_NUMBER | duration 1E+30 does not fit",
            "{'content_info':{'last_play_at':3000000000}}                   | INVALID_NUMBER | last_play_at is beyond 2147483647 seconds",
            "{'user_info':{'hardware_id':'%s'}}                             | INVALID_PARAMETER | hardware_id is longer than 200 characters",
            "{'content_info':{'session_key':'%s'}}                          | INVALID_PARAMETER | session_key is longer than 200 characters",
            "{'user_info':{'device_name':'phone\\u0007'}}                  | INVALID_PARAMETER | device_name holds a control character",
            "{'block_info':{'block_count':2,'blocks':{'b0':[1]}}}           | INVALID_NUMBER | b0: a number is expected",
            "{'user_info':{'client_user_id':'a'},'user_info':{}}            | MALFORMED_JSON | Duplicate field 'user_info'",
            "{'extra':{'a':1,'a':2},'user_info':{'client_user_id':'a'}}     | MALFORMED_JSON | Duplicate field 'a'",
            "{'extra':[1,2,,}],'user_info':{'client_user_id':'a'}}          | MALFORMED_JSON | json_data is not valid JSON",
            "[{'user_info':{'client_user_id':'a'}}]                         | MALFORMED_JSON | json_data must be a JSON object",
            "'just text'                                                    | MALFORMED_JSON | a JSON object or array is expected",
            "{'user_info':{'client_user_id':'a\\u0001b'}}                 | INVALID_PARAMETER | client_user_id holds a control character"
    })
    void whatCannotBeAValueMakesTheSnapshotUnreadable(String document, Reason reason, String message) {
        CallbackParameters parameters = CallbackParameters.of(Map.of("json_data",
                document.replace('\'', '"').replace("%s", "k".repeat(201)),
                "client_user_id", "learner", "media_content_key", "mck", "start_at", "5"));

        UnreadableSnapshotException unreadable = assertThrows(UnreadableSnapshotException.class,
                () -> reader.read(DEFAULT, parameters));

        assertEquals(reason, unreadable.reason());
        assertTrue(unreadable.getMessage().contains(message), unreadable.getMessage());
    }

    @ParameterizedTest(name = "without {0} the snapshot is unreadable")
    @CsvSource({"client_user_id", "media_content_key", "start_at"})
    void aSnapshotWithoutUserContentOrSessionIsUnreadable(String missing) {
        Map<String, String> flat = new java.util.HashMap<>(Map.of("client_user_id", "learner",
                "media_content_key", "mck", "start_at", "5"));
        flat.put(missing, " ");

        UnreadableSnapshotException unreadable = assertThrows(UnreadableSnapshotException.class,
                () -> reader.read(DEFAULT, CallbackParameters.of(flat)));

        assertEquals(Reason.MISSING_PARAMETER, unreadable.reason());
        assertTrue(unreadable.getMessage().contains(missing), unreadable.getMessage());
    }

    @Test
    void imperfectValuesAreNormalizedAndEachRuleNoted() {
        String document = "{\"user_info\":{\"client_user_id\":\"learner\"},"
                + "\"content_info\":{\"media_content_key\":\"mck\",\"start_at\":1700000000.7,\"playtime\":30.9,"
                + "\"real_playtime\":-4,\"duration\":600,\"last_play_at\":\"612.25\",\"playtime_percent\":140},"
                + "\"block_info\":{\"block_count\":3,\"blocks\":{\"b0\":2,\"b1\":true,\"p1\":180,\"t2\":\"7.5\","
                + "\"p2\":-1,\"b5\":1}}}";

        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", document)));

        assertEquals(1700000000L, snapshot.startAt());
        assertEquals(30, snapshot.playtime());
        assertEquals(0, snapshot.realPlaytime());
        assertEquals(600, snapshot.lastPosition(), "clamped to the duration");
        assertEquals(100, snapshot.playtimePercent());
        assertArrayEquals(new boolean[] {true, true, false}, snapshot.watched());
        assertArrayEquals(new int[] {0, 100, 0}, snapshot.percent());
        assertEquals(7, snapshot.time()[2]);
        assertEquals(List.of("fraction_truncated", "negative_zeroed", "percent_clamped", "flag_nonzero",
                "position_clamped", "block_out_of_range"), Normalization.labels(snapshot.normalized()));
    }

    @Test
    void aBlockCountAboveTheLimitCountsAsNoBlockInformation() {
        String document = "{\"user_info\":{\"client_user_id\":\"learner\"},\"content_info\":{\"media_content_key\":"
                + "\"mck\",\"start_at\":5},\"block_info\":{\"block_count\":1001,\"blocks\":{\"b0\":1}}}";

        Snapshot snapshot = reader.read(DEFAULT, CallbackParameters.of(Map.of("json_data", document)));

        assertEquals(0, snapshot.blockCount());
        assertEquals(List.of("block_count_over_limit"), Normalization.labels(snapshot.normalized()));
    }

    @Test
    void aChannelWithRenamedFlatKeysOnlyAndOneBasedBlocksIsReadWithoutAnyJson() {
        ChannelMapping flat = ChannelMappings.of(channel("json_data"), Map.of("lms-param-client-user-id", "ID",
                "lms-param-start-at", "TM", "lms-param-playtime", "PT", "lms-param-last-play-at", "ET",
                "lms-param-media-content-key", "MCK", "lms-block-keys", "B{i+1},T{i+1},-"));
        Map<String, String> sent = new java.util.LinkedHashMap<>(Map.of("ID", "learner", "TM", "1700000000", "PT", "95",
                "real_playtime", "90", "ET", "91", "MCK", "mck", "status", "play"));
        for (int block = 1; block <= 10; block++) {
            sent.put("B" + block, block <= 3 ? "1" : "0");
            sent.put("T" + block, block <= 3 ? "30" : "0");
        }

        Snapshot snapshot = reader.read(flat, CallbackParameters.of(sent));

        assertEquals(new ProgressKey("math-channel", "mck", "learner"), snapshot.key());
        assertEquals(1700000000L, snapshot.startAt());
        assertEquals(95, snapshot.playtime());
        assertEquals(90, snapshot.realPlaytime());
        assertEquals(91, snapshot.lastPosition());
        assertEquals(10, snapshot.blockCount(), "the consecutive block keys present");
        assertArrayEquals(new boolean[] {true, true, true, false, false, false, false, false, false, false},
                snapshot.watched());
        assertEquals(30, snapshot.time()[2]);
        assertTrue(snapshot.raw().contains("\"ID\":\"learner\""), "the flat parameters are what the session keeps");
    }

    @Test
    void aRenamedJsonParameterIsReadAndFlatParametersFillInWhatTheDocumentLacks() {
        ChannelMapping renamed = ChannelMappings.of(channel("lms_data"), Map.of());
        String document = "{\"user_info\":{\"client_user_id\":\"learner\"},"
                + "\"content_info\":{\"media_content_key\":\"mck\",\"play_time\":40}}";

        Snapshot snapshot = reader.read(renamed, CallbackParameters.of(Map.of("lms_data", document,
                "start_at", "1700000000")));

        assertEquals(1700000000L, snapshot.startAt());
        assertEquals(40, snapshot.playtime(), "play_time, as some Kollus samples send it");
        assertEquals(0, snapshot.blockCount(), "block information switched off");
    }

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource(delimiter = '|', value = {
            "lms-block-keys     | b{i},t{i}        | KOLLUS_CHANNELS_MATH_LMS_BLOCK_KEYS",
            "lms-block-keys     | b,t{i},p{i}      | KOLLUS_CHANNELS_MATH_LMS_BLOCK_KEYS",
            "lms-block-keys     | b{i}{i+1},-,-    | KOLLUS_CHANNELS_MATH_LMS_BLOCK_KEYS",
            "lms-progress-basis | SOMETIMES        | KOLLUS_CHANNELS_MATH_LMS_PROGRESS_BASIS",
            "lms-param-start-at | ' , '            | KOLLUS_CHANNELS_MATH_LMS_PARAM_START_AT"
    })
    void anInvalidMappingNamesItsVariable(String setting, String value, String variable) {
        ConfigurationException invalid = assertThrows(ConfigurationException.class,
                () -> ChannelMappings.of(CHANNEL, Map.of(setting, value)));

        assertTrue(invalid.getMessage().contains(variable), invalid.getMessage());
    }

    private static Channel channel(String jsonParam) {
        return new Channel("MATH", "math-channel", "token", false, null, null, 0, false, null, null, null, null, 0, 0,
                false, null, null, jsonParam, 90, 10, CorsOrigins.ANY);
    }
}
