package org.kollussuite.commons.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.text.InputLimits;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackParametersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static MultivaluedMap<String, String> multi(String... namesAndValues) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static CallbackParameters withField(String name, String value) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(name, value);
        return CallbackParameters.of(values);
    }

    private static void assertRejected(RejectedRequestException e, String error) {
        assertEquals(400, e.status());
        assertEquals(error, e.error());
    }

    // --- merging -------------------------------------------------------------------------------

    @Test
    void theTokenIsFoundInAQueryWhoseOtherPairsHaveBrokenEscapes() {
        assertEquals("a b", CallbackParameters.firstInQuery("x=%zz&token=a+b&token=second", "token"));
        assertEquals(null, CallbackParameters.firstInQuery("x=%zz&%74oken=%", "token"));
        assertEquals(null, CallbackParameters.firstInQuery(null, "token"));
    }

    @Test
    void bodyValueWinsOverQueryValue() {
        CallbackParameters parameters = CallbackParameters.of(multi("client_user_id", "from-query"),
                multi("client_user_id", "from-body"));

        assertEquals(Optional.of("from-body"), parameters.get("client_user_id"));
    }

    @Test
    void parametersFromQueryAndBodyAreMerged() {
        CallbackParameters parameters = CallbackParameters.of(multi("kind", "1"), multi("media_content_key", "k"));

        assertEquals(Map.of("kind", "1", "media_content_key", "k"), parameters.asMap());
    }

    @Test
    void firstValueOfARepeatedBodyParameterWins() {
        CallbackParameters parameters = CallbackParameters.of(null, multi("kind", "1", "kind", "2"));

        assertEquals(Optional.of("1"), parameters.get("kind"));
    }

    @Test
    void nullQueryAndBodyGiveNoParameters() {
        assertTrue(CallbackParameters.of(null, null).asMap().isEmpty());
    }

    @Test
    void tokenFromTheQueryIsRemovedFromAsMap() {
        CallbackParameters parameters = CallbackParameters.of(multi("token", "s3cr3t", "kind", "1"), multi());

        assertFalse(parameters.asMap().containsKey("token"));
        assertFalse(parameters.asMap().containsValue("s3cr3t"));
        assertEquals(Optional.empty(), parameters.get("token"));
        assertEquals(List.of("kind"), parameters.names());
    }

    @Test
    void tokenFromTheBodyIsRemovedFromAsMap() {
        CallbackParameters parameters = CallbackParameters.of(multi(), multi("token", "s3cr3t", "kind", "1"));

        assertEquals(Map.of("kind", "1"), parameters.asMap());
    }

    @Test
    void tokenIsRemovedFromAPlainMap() {
        CallbackParameters parameters = CallbackParameters.of(Map.of("token", "s3cr3t", "kind", "1"));

        assertEquals(Map.of("kind", "1"), parameters.asMap());
    }

    @Test
    void asMapCannotBeModified() {
        CallbackParameters parameters = CallbackParameters.of(Map.of("kind", "1"));

        assertThrows(UnsupportedOperationException.class, () -> parameters.asMap().put("token", "x"));
    }

    @Test
    void firstOfSkipsAbsentAndBlankNames() {
        CallbackParameters parameters = CallbackParameters.of(Map.of("a", " ", "b", "value"));

        assertEquals(Optional.of("value"), parameters.firstOf("missing", "a", "b"));
        assertEquals(Optional.empty(), parameters.firstOf("missing", "a"));
    }

    @Test
    void aNulCharacterInABodyValueIsA400InvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> CallbackParameters.ofForm(
                multi(), "upload_file_key=a%00b".getBytes(StandardCharsets.UTF_8)));

        assertRejected(e, "invalid_parameter");
        assertTrue(e.getMessage().contains("upload_file_key"), e.getMessage());
    }

    @Test
    void aNulCharacterInAQueryParameterNameIsA400InvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(multi("bad\0name", "x"), null));

        assertRejected(e, "invalid_parameter");
        assertTrue(e.getMessage().contains("bad\\u0000name"), e.getMessage());
    }

    @Test
    void aControlCharacterOtherThanTabOrLineBreakIsA400InvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> CallbackParameters.ofForm(
                multi(), "client_user_id=a%01b".getBytes(StandardCharsets.UTF_8)));

        assertRejected(e, "invalid_parameter");
        assertEquals("a\tb\r\nc", CallbackParameters.ofForm(multi(), "x=a%09b%0D%0Ac".getBytes(StandardCharsets.UTF_8))
                .require("x"));
    }

    @Test
    void aKnownFieldLongerThanItsLimitIsA400InvalidParameterNamingIt() {
        String longest = "k".repeat(InputLimits.KEY);
        assertEquals(longest, CallbackParameters.of(multi("media_content_key", longest), null).require("media_content_key"));

        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(multi("media_content_key", longest + "k"), null));

        assertRejected(e, "invalid_parameter");
        assertTrue(e.getMessage().contains("media_content_key"), e.getMessage());
    }

    @Test
    void aFieldWithoutALimitOfItsOwnIsKeptWhateverItsLength() {
        String value = "v".repeat(10_000);

        assertEquals(value, CallbackParameters.of(multi("uservalues", value), null).require("uservalues"));
    }

    // --- require -------------------------------------------------------------------------------

    @Test
    void requireAnswersThePresentValue() {
        assertEquals("k", CallbackParameters.of(Map.of("media_content_key", "k")).require("media_content_key"));
    }

    @Test
    void requireOfAnAbsentParameterIsA400MissingParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(Map.of()).require("media_content_key"));

        assertRejected(e, "missing_parameter");
        assertTrue(e.getMessage().contains("media_content_key"), e.getMessage());
    }

    @Test
    void requireOfABlankParameterIsA400MissingParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(Map.of("media_content_key", "   ")).require("media_content_key"));

        assertRejected(e, "missing_parameter");
    }

    @Test
    void requireNeverAnswersTheToken() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(multi("token", "s3cr3t"), null).require("token"));

        assertRejected(e, "missing_parameter");
    }

    // --- json ----------------------------------------------------------------------------------

    @Test
    void jsonOfAnAbsentFieldIsEmpty() {
        assertEquals(Optional.empty(), CallbackParameters.of(Map.of()).json("json_data"));
    }

    @Test
    void jsonOfABlankFieldIsEmpty() {
        assertEquals(Optional.empty(), withField("json_data", "  ").json("json_data"));
    }

    @Test
    void jsonOfAValidObjectIsParsed() throws Exception {
        JsonNode json = withField("json_data", "{\"uservalue0\":\"a\",\"count\":2}").json("json_data").orElseThrow();

        assertEquals(MAPPER.readTree("{\"uservalue0\":\"a\",\"count\":2}"), json);
    }

    @Test
    void jsonOfAnArrayIsParsed() {
        JsonNode json = withField("json_data", "[{\"kind\":1},{\"kind\":2}]").json("json_data").orElseThrow();

        assertTrue(json.isArray());
        assertEquals(2, json.size());
    }

    @Test
    void jsonThatWasUrlEncodedOnceMoreIsDecodedFirst() {
        JsonNode json = withField("json_data", "%7B%22uservalue0%22%3A%22a%22%7D").json("json_data").orElseThrow();

        assertEquals("a", json.get("uservalue0").asText());
    }

    @Test
    void urlEncodedJsonWithPlusSignsAndNonAsciiTextIsDecoded() {
        // {"message":"수강 만료"} with the space as '+', as a form encoder writes it
        JsonNode json = withField("json_data",
                "%7B%22message%22%3A%22%EC%88%98%EA%B0%95+%EB%A7%8C%EB%A3%8C%22%7D").json("json_data").orElseThrow();

        assertEquals("수강 만료", json.get("message").asText());
    }

    @Test
    void jsonWithSingleQuotesIsTolerated() {
        JsonNode json = withField("json_data", "{'uservalue0':'a'}").json("json_data").orElseThrow();

        assertEquals("a", json.get("uservalue0").asText());
    }

    @Test
    void jsonWithTrailingCommasIsTolerated() {
        JsonNode json = withField("json_data", "{\"a\":1,\"b\":[1,2,],}").json("json_data").orElseThrow();

        assertEquals(1, json.get("a").asInt());
        assertEquals(2, json.get("b").size());
    }

    @Test
    void jsonWithUnquotedFieldNamesIsTolerated() {
        JsonNode json = withField("json_data", "{uservalue0: \"a\"}").json("json_data").orElseThrow();

        assertEquals("a", json.get("uservalue0").asText());
    }

    @Test
    void jsonWithALeadingByteOrderMarkAndWhitespaceIsParsed() {
        JsonNode json = withField("json_data", "\uFEFF{\"a\":1}\n").json("json_data").orElseThrow();

        assertEquals(1, json.get("a").asInt());
    }

    @Test
    void malformedJsonIsA400MalformedJsonNamingTheField() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> withField("json_data", "{\"a\":").json("json_data"));

        assertRejected(e, "malformed_json");
        assertTrue(e.getMessage().startsWith("json_data "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void malformedUrlEncodingIsA400MalformedJson() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> withField("json_data", "%zz").json("json_data"));

        assertRejected(e, "malformed_json");
        assertTrue(e.getMessage().contains("json_data"), e.getMessage());
    }

    @Test
    void jsonScalarIsA400MalformedJson() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> withField("json_data", "42").json("json_data"));

        assertRejected(e, "malformed_json");
        assertTrue(e.getMessage().contains("json_data"), e.getMessage());
    }

    @Test
    void jsonStringScalarIsA400MalformedJson() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> withField("json_data", "\"text\"").json("json_data"));

        assertRejected(e, "malformed_json");
    }

    @Test
    void jsonWithDuplicateFieldNamesIsA400MalformedJson() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> withField("json_data", "{\"a\":1,\"a\":2}").json("json_data"));

        assertRejected(e, "malformed_json");
    }

    // --- static integer(JsonNode, name) ----------------------------------------------------------

    @Test
    void integerAcceptsAJsonInteger() {
        assertEquals(12L, CallbackParameters.integer(NODES.numberNode(12), "progress"));
    }

    @Test
    void integerAcceptsAJsonIntegerBeyondIntRange() {
        assertEquals(1767225599000L, CallbackParameters.integer(NODES.numberNode(1767225599000L), "expt"));
    }

    @Test
    void integerAcceptsANumericString() {
        assertEquals(12L, CallbackParameters.integer(NODES.textNode("12"), "progress"));
        assertEquals(12L, CallbackParameters.integer(NODES.textNode(" 12 "), "progress"));
        assertEquals(-3L, CallbackParameters.integer(NODES.textNode("-3"), "progress"));
    }

    @Test
    void integerAcceptsAWholeFloatingPointNumber() throws Exception {
        assertEquals(12L, CallbackParameters.integer(MAPPER.readTree("12.0"), "progress"));
    }

    @Test
    void integerRefusesAFractionalStringAsInvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.integer(NODES.textNode("1.5"), "progress"));

        assertRejected(e, "invalid_parameter");
        assertTrue(e.getMessage().contains("progress"), e.getMessage());
    }

    @Test
    void integerRefusesAFractionalNumberAsInvalidParameter() throws Exception {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.integer(MAPPER.readTree("1.5"), "progress"));

        assertRejected(e, "invalid_parameter");
    }

    @Test
    void integerRefusesTextAsInvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.integer(NODES.textNode("abc"), "progress"));

        assertRejected(e, "invalid_parameter");
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void integerRefusesABooleanOrObjectAsInvalidParameter() {
        assertRejected(assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.integer(NODES.booleanNode(true), "progress")), "invalid_parameter");
        assertRejected(assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.integer(NODES.objectNode(), "progress")), "invalid_parameter");
    }

    @Test
    void integerOfNullOrMissingIsNull() {
        assertNull(CallbackParameters.integer(null, "progress"));
        assertNull(CallbackParameters.integer(NODES.nullNode(), "progress"));
        assertNull(CallbackParameters.integer(MissingNode.getInstance(), "progress"));
        assertNull(CallbackParameters.integer(NODES.objectNode().path("progress"), "progress"));
    }

    @Test
    void integerOfABlankStringIsNull() {
        assertNull(CallbackParameters.integer(NODES.textNode("  "), "progress"));
    }

    // --- integer(name) -------------------------------------------------------------------------

    @Test
    void integerParameterIsParsedOrEmpty() {
        CallbackParameters parameters = CallbackParameters.of(Map.of("kind", " 3 ", "blank", ""));

        assertEquals(Optional.of(3L), parameters.integer("kind"));
        assertEquals(Optional.empty(), parameters.integer("blank"));
        assertEquals(Optional.empty(), parameters.integer("absent"));
    }

    @Test
    void nonNumericIntegerParameterIsA400InvalidParameter() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.of(Map.of("kind", "one")).integer("kind"));

        assertRejected(e, "invalid_parameter");
    }

    @Test
    void formBodyIsDecodedAsUtf8AndWinsOverTheQuery() {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle("filename", "from-query.mp4");
        query.putSingle("token", "secret");
        byte[] body = "filename=%EC%88%98%EC%97%85+01.mp4&upload_file_key=Ab12&profile_key=a%7Cb"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        CallbackParameters parameters = CallbackParameters.ofForm(query, body);

        assertEquals("수업 01.mp4", parameters.require("filename"));
        assertEquals("a|b", parameters.require("profile_key"));
        assertEquals(java.util.List.of("filename", "upload_file_key", "profile_key"), parameters.names());
    }

    @Test
    void formParameterWithoutValueIsKeptEmpty() {
        CallbackParameters parameters = CallbackParameters.ofForm(null, "hardware_id&kind=1".getBytes());

        assertEquals("", parameters.get("hardware_id").orElseThrow());
        assertEquals("1", parameters.get("kind").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain-text_1.2*",
            "a b+c",
            "100% sure & more = less",
            "수업 01.mp4",
            "{\"user_info\":{\"client_user_id\":\"학생 😀\"},\"t\":[1,2]}",
            "tab\tand\\backslash"
    })
    void formValuesDecodeToWhatTheirSenderEncoded(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String form = "x=1&json_data=" + encoded + "&name+with+space=" + encoded.replace("+", "%20");

        CallbackParameters parameters = CallbackParameters.ofForm(null, form.getBytes(StandardCharsets.US_ASCII));

        assertEquals(value, parameters.require("json_data"));
        assertEquals(value, parameters.require("name with space"));
        assertEquals("1", parameters.require("x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "filename=%ZZbad                | filename",
            "%G1name=x                      | %G1name",
            "kind=1&json_data=%7B%2         | json_data"
    })
    void brokenPercentEncodingInTheBodyIsA400MalformedFormNamingTheParameter(String body, String parameter) {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.ofForm(null, body.getBytes()));

        assertRejected(e, "malformed_form");
        assertTrue(e.getMessage().contains(parameter));
    }

    @Test
    void bodyThatIsNotUtf8IsA400MalformedForm() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> CallbackParameters.ofForm(null, new byte[]{'a', '=', (byte) 0xC3, (byte) 0x28}));

        assertRejected(e, "malformed_form");
    }
}
