package org.kollussuite.commons.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2025-03-04T05:06:07.123Z");

    private static JsonNode data() throws Exception {
        return MAPPER.readTree("{\"media_content_key\":\"ljAq2vYw\",\"progress\":42,\"tags\":[\"a\",\"b\"]}");
    }

    private static CloudEvent fullEvent() throws Exception {
        return new CloudEvent("evt-1", "urn:kollus-suite:player-callback", "org.kollussuite.test.happened",
                TIME, "user123", data(), Map.of())
                .withExtension(CloudEvent.CHANNEL_EXTENSION, "channel-a")
                .withExtension(CloudEvent.USER_EXTENSION, "user123");
    }

    private static ObjectNode validDocument() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", "1.0");
        json.put("id", "evt-1");
        json.put("source", "urn:kollus-suite:x");
        json.put("type", "org.kollussuite.test.happened");
        json.put("time", "2025-03-04T05:06:07Z");
        return json;
    }

    private static byte[] bytes(JsonNode json) throws Exception {
        return MAPPER.writeValueAsBytes(json);
    }

    // --- serialization -----------------------------------------------------------------------

    @Test
    void serializesEveryContextAttributeAsStructuredJson() throws Exception {
        JsonNode json = MAPPER.readTree(fullEvent().toBytes());

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("evt-1", json.get("id").asText());
        assertEquals("urn:kollus-suite:player-callback", json.get("source").asText());
        assertEquals("org.kollussuite.test.happened", json.get("type").asText());
        assertEquals("2025-03-04T05:06:07.123Z", json.get("time").asText());
        assertEquals("user123", json.get("subject").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertEquals(data(), json.get("data"));
    }

    @Test
    void timeIsWrittenAsAnRfc3339UtcTimestamp() throws Exception {
        String time = fullEvent().toJson().get("time").asText();

        assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), time);
        assertEquals(TIME, Instant.parse(time));
    }

    @Test
    void extensionsAreTopLevelStringAttributes() throws Exception {
        ObjectNode json = fullEvent().toJson();

        assertTrue(json.get("kolluschannel").isTextual());
        assertEquals("channel-a", json.get("kolluschannel").textValue());
        assertTrue(json.get("kollususer").isTextual());
        assertEquals("user123", json.get("kollususer").textValue());
        assertFalse(json.has("extensions"));
    }

    @Test
    void dataContentTypeAndDataAreOmittedWhenThereIsNoData() {
        ObjectNode json = new CloudEvent("evt-2", "urn:kollus-suite:x", "t", TIME, null, null, Map.of()).toJson();

        assertFalse(json.has("datacontenttype"));
        assertFalse(json.has("data"));
        assertFalse(json.has("subject"));
        assertEquals(5, json.size(), json.toString());
    }

    @Test
    void channelAndUserAccessorsReadTheExtensions() throws Exception {
        CloudEvent event = fullEvent();

        assertEquals("channel-a", event.channel());
        assertEquals("user123", event.user());
    }

    @Test
    void createStampsARandomIdAndTheCurrentTime() {
        Instant before = Instant.now();
        CloudEvent first = CloudEvent.create("urn:kollus-suite:x", "t", null, null);
        CloudEvent second = CloudEvent.create("urn:kollus-suite:x", "t", null, null);

        assertFalse(first.id().equals(second.id()));
        assertFalse(first.time().isBefore(before));
        assertTrue(first.extensions().isEmpty());
    }

    @Test
    void sourceOfAServiceIsItsSuiteUrn() {
        assertEquals("urn:kollus-suite:notifier", CloudEvent.sourceOf("notifier"));
    }

    // --- parse round trip ----------------------------------------------------------------------

    @Test
    void parseRoundTripPreservesEveryAttributeAndExtension() throws Exception {
        CloudEvent original = fullEvent();

        CloudEvent parsed = CloudEvent.parse(original.toBytes());

        assertEquals(original, parsed);
        assertEquals("evt-1", parsed.id());
        assertEquals("urn:kollus-suite:player-callback", parsed.source());
        assertEquals("org.kollussuite.test.happened", parsed.type());
        assertEquals(TIME, parsed.time());
        assertEquals("user123", parsed.subject());
        assertEquals(data(), parsed.data());
        assertEquals(Map.of("kolluschannel", "channel-a", "kollususer", "user123"), parsed.extensions());
    }

    @Test
    void parseRoundTripOfAnEventWithoutDataOrSubjectKeepsThemAbsent() {
        CloudEvent original = new CloudEvent("evt-3", "urn:kollus-suite:x", "t", TIME, null, null, Map.of());

        CloudEvent parsed = CloudEvent.parse(original.toBytes());

        assertEquals(original, parsed);
        assertNull(parsed.data());
        assertNull(parsed.subject());
    }

    @Test
    void parseReadsScalarExtensionsAsText() throws Exception {
        ObjectNode json = validDocument();
        json.put("kollusretry", 3);

        assertEquals("3", CloudEvent.parse(bytes(json)).extensions().get("kollusretry"));
    }

    // --- parse rejections ------------------------------------------------------------------------

    @Test
    void parseRejectsTextThatIsNotJson() {
        assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse("{not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parseRejectsJsonThatIsNotAnObject() {
        assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse("[1,2,3]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse("\"event\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parseRejectsAnEmptyDocument() {
        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(new byte[0]));
    }

    @Test
    void parseRejectsAnotherSpecVersion() throws Exception {
        ObjectNode json = validDocument();
        json.put("specversion", "0.3");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    @Test
    void parseRejectsAMissingSpecVersion() throws Exception {
        ObjectNode json = validDocument();
        json.remove("specversion");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    @Test
    void parseRejectsAMissingId() throws Exception {
        ObjectNode json = validDocument();
        json.remove("id");

        InvalidCloudEventException e = assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse(bytes(json)));
        assertTrue(e.getMessage().contains("id"), e.getMessage());
    }

    @Test
    void parseRejectsAMissingSource() throws Exception {
        ObjectNode json = validDocument();
        json.remove("source");

        InvalidCloudEventException e = assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse(bytes(json)));
        assertTrue(e.getMessage().contains("source"), e.getMessage());
    }

    @Test
    void parseRejectsAMissingType() throws Exception {
        ObjectNode json = validDocument();
        json.remove("type");

        InvalidCloudEventException e = assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse(bytes(json)));
        assertTrue(e.getMessage().contains("type"), e.getMessage());
    }

    @Test
    void parseRejectsABlankId() throws Exception {
        ObjectNode json = validDocument();
        json.put("id", "  ");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    @Test
    void parseRejectsAMissingTime() throws Exception {
        ObjectNode json = validDocument();
        json.remove("time");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    @Test
    void parseRejectsATimeThatIsNotRfc3339() throws Exception {
        ObjectNode json = validDocument();
        json.put("time", "04/03/2025 05:06");

        InvalidCloudEventException e = assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse(bytes(json)));
        assertTrue(e.getMessage().contains("time"), e.getMessage());
    }

    @Test
    void parseRejectsAnObjectValuedExtension() throws Exception {
        ObjectNode json = validDocument();
        json.putObject("kolluschannel").put("key", "channel-a");

        InvalidCloudEventException e = assertThrows(InvalidCloudEventException.class,
                () -> CloudEvent.parse(bytes(json)));
        assertTrue(e.getMessage().contains("kolluschannel"), e.getMessage());
    }

    @Test
    void parseRejectsAnArrayValuedExtension() throws Exception {
        ObjectNode json = validDocument();
        json.putArray("kollususer").add("user123");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    @Test
    void parseRejectsAnInvalidExtensionName() throws Exception {
        ObjectNode json = validDocument();
        json.put("KollusChannel", "channel-a");

        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.parse(bytes(json)));
    }

    // --- construction ------------------------------------------------------------------------------

    @Test
    void constructorRejectsAnUppercaseExtensionName() {
        assertThrows(IllegalArgumentException.class, () -> new CloudEvent("evt", "src", "t", TIME, null, null,
                Map.of("kollusChannel", "channel-a")));
    }

    @Test
    void constructorRejectsAnExtensionNameLongerThanTwentyCharacters() {
        String twentyOne = "abcdefghijklmnopqrstu";
        assertEquals(21, twentyOne.length());

        assertThrows(IllegalArgumentException.class,
                () -> new CloudEvent("evt", "src", "t", TIME, null, null, Map.of(twentyOne, "v")));
    }

    @Test
    void constructorAcceptsAnExtensionNameOfExactlyTwentyCharacters() {
        String twenty = "abcdefghijklmnopqrst";

        CloudEvent event = new CloudEvent("evt", "src", "t", TIME, null, null, Map.of(twenty, "v"));

        assertEquals("v", event.extensions().get(twenty));
    }

    @Test
    void constructorRejectsExtensionNamesWithPunctuation() {
        assertThrows(IllegalArgumentException.class,
                () -> new CloudEvent("evt", "src", "t", TIME, null, null, Map.of("kollus_channel", "v")));
        assertThrows(IllegalArgumentException.class,
                () -> new CloudEvent("evt", "src", "t", TIME, null, null, Map.of("", "v")));
    }

    @Test
    void constructorRejectsReservedAttributeNamesAsExtensions() {
        for (String reserved : new String[] {"specversion", "id", "source", "type", "time", "subject",
                "datacontenttype", "data"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new CloudEvent("evt", "src", "t", TIME, null, null, Map.of(reserved, "v")), reserved);
        }
    }

    @Test
    void withExtensionRejectsAnInvalidName() {
        CloudEvent event = new CloudEvent("evt", "src", "t", TIME, null, null, Map.of());

        assertThrows(IllegalArgumentException.class, () -> event.withExtension("Bad-Name", "v"));
    }

    @Test
    void constructorRejectsMissingRequiredAttributes() {
        assertThrows(IllegalArgumentException.class, () -> new CloudEvent(null, "src", "t", TIME, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CloudEvent("evt", " ", "t", TIME, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CloudEvent("evt", "src", "", TIME, null, null, null));
        assertThrows(NullPointerException.class, () -> new CloudEvent("evt", "src", "t", null, null, null, null));
    }

    @Test
    void extensionsAreImmutable() {
        CloudEvent event = new CloudEvent("evt", "src", "t", TIME, null, null, null);

        assertTrue(event.extensions().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> event.extensions().put("kollususer", "u"));
    }

    @Test
    void withExtensionOfANullValueLeavesTheEventUnchanged() throws Exception {
        CloudEvent event = fullEvent();

        CloudEvent same = event.withExtension(CloudEvent.USER_EXTENSION, null);

        assertSame(event, same);
        assertEquals("user123", same.user());
    }

    @Test
    void withExtensionReturnsANewEventAndLeavesTheOriginalUntouched() {
        CloudEvent event = new CloudEvent("evt", "src", "t", TIME, null, null, Map.of());

        CloudEvent extended = event.withExtension(CloudEvent.CHANNEL_EXTENSION, "channel-a");

        assertEquals("channel-a", extended.channel());
        assertNull(event.channel());
        assertEquals(event.id(), extended.id());
    }
}
