package org.kollussuite.commons.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the body of every message on {@code kollus.events}.
 *
 * @param extensions extension attributes by name, such as {@link #CHANNEL_EXTENSION} and {@link #USER_EXTENSION}
 */
public record CloudEvent(String id, String source, String type, Instant time, String subject, JsonNode data,
                         Map<String, String> extensions) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** The Kollus channel key the event concerns. */
    public static final String CHANNEL_EXTENSION = "kolluschannel";
    /** The client user id the event concerns. */
    public static final String USER_EXTENSION = "kollususer";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of("specversion", "id", "source", "type", "time", "subject", "datacontenttype", "data");

    public CloudEvent {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        Objects.requireNonNull(time, "time");
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions == null ? Map.of() : extensions));
        extensions.keySet().forEach(CloudEvent::requireExtensionName);
    }

    /** A new event with a random id, stamped now, without extensions. */
    public static CloudEvent create(String source, String type, String subject, JsonNode data) {
        return new CloudEvent(UUID.randomUUID().toString(), source, type, Instant.now(), subject, data, Map.of());
    }

    /** The {@code source} attribute of a suite service: {@code urn:kollus-suite:<service>}. */
    public static String sourceOf(String service) {
        return "urn:kollus-suite:" + service;
    }

    /** This event with one more extension attribute; a null value leaves the event unchanged. */
    public CloudEvent withExtension(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new CloudEvent(id, source, type, time, subject, data, more);
    }

    public String channel() {
        return extensions.get(CHANNEL_EXTENSION);
    }

    public String user() {
        return extensions.get(USER_EXTENSION);
    }

    /** The structured-mode JSON document. */
    public ObjectNode toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", SPEC_VERSION);
        json.put("id", id);
        json.put("source", source);
        json.put("type", type);
        json.put("time", time.toString());
        if (subject != null) {
            json.put("subject", subject);
        }
        extensions.forEach(json::put);
        if (data != null) {
            json.put("datacontenttype", DATA_CONTENT_TYPE);
            json.set("data", data);
        }
        return json;
    }

    public byte[] toBytes() {
        try {
            return MAPPER.writeValueAsBytes(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Parses a structured-mode document, rejecting anything that is not a CloudEvents 1.0 JSON event. */
    public static CloudEvent parse(byte[] document) {
        JsonNode json;
        try {
            json = MAPPER.readTree(document);
        } catch (IOException e) {
            throw new InvalidCloudEventException("not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidCloudEventException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(json.path("specversion").asText())) {
            throw new InvalidCloudEventException("specversion is not " + SPEC_VERSION);
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (!CONTEXT_ATTRIBUTES.contains(field.getKey())) {
                if (field.getValue().getNodeType() == JsonNodeType.OBJECT || field.getValue().isArray()) {
                    throw new InvalidCloudEventException("extension " + field.getKey() + " is not a scalar");
                }
                extensions.put(field.getKey(), field.getValue().asText());
            }
        });
        try {
            return new CloudEvent(text(json, "id"), text(json, "source"), text(json, "type"),
                    Instant.parse(text(json, "time")), text(json, "subject"), json.get("data"), extensions);
        } catch (DateTimeParseException e) {
            throw new InvalidCloudEventException("time is not an RFC 3339 timestamp");
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new InvalidCloudEventException(e.getMessage());
        }
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requireExtensionName(String name) {
        if (!EXTENSION_NAME.matcher(name).matches() || CONTEXT_ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("invalid extension attribute name: " + name);
        }
    }
}
