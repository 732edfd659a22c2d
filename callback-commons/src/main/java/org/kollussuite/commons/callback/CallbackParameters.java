package org.kollussuite.commons.callback;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.logging.SecretRedactingFilter;
import org.kollussuite.commons.text.InputLimits;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one inbound callback: form body and query string merged, the body winning,
 * the inbound {@code token} removed so it can never be stored or echoed.
 */
public final class CallbackParameters {

    /** The query parameter that carries the inbound secret. */
    public static final String TOKEN = "token";

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, String> values;

    private CallbackParameters(Map<String, String> values) {
        this(values, true);
    }

    private CallbackParameters(Map<String, String> values, boolean checked) {
        if (checked) {
            values.forEach((name, value) -> {
                requireStorable(name, value);
                InputLimits.require(name, value);
            });
        }
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * No stored text holds a control character (tab, line feed and carriage return excepted), and PostgreSQL
     * text cannot hold U+0000: refuse one as bad input (400 {@code invalid_parameter}) rather than fail later
     * as an outage. Every parameter passes here; values read out of a JSON document, which can escape the
     * character, must be checked too.
     */
    public static void requireStorable(String name, String value) {
        if (StorableText.hasControlCharacter(name) || StorableText.hasControlCharacter(value)) {
            throw RejectedRequestException.badRequest("invalid_parameter",
                    "parameter " + abbreviate(StorableText.escaped(name)) + " contains a control character");
        }
    }

    /** Merges query and body; for a name given several times, the first value of the body wins. */
    public static CallbackParameters of(Map<String, ? extends List<String>> query, Map<String, ? extends List<String>> body) {
        Map<String, String> merged = new LinkedHashMap<>();
        putFirstValues(merged, query);
        putFirstValues(merged, body);
        return new CallbackParameters(withoutToken(merged));
    }

    /**
     * Merges the query string and an {@code application/x-www-form-urlencoded} body read as bytes
     * (UTF-8), the body winning. Broken percent-encoding or bytes that are not UTF-8 answer 400
     * {@code malformed_form}.
     */
    public static CallbackParameters ofForm(Map<String, ? extends List<String>> query, byte[] body) {
        Map<String, String> merged = new LinkedHashMap<>();
        putFirstValues(merged, query);
        merged.putAll(parseForm(body));
        return new CallbackParameters(withoutToken(merged));
    }

    /**
     * The parameters of a player-side callback: the query string and a form-urlencoded or JSON body
     * (player SDKs differ in what they send), the body winning. A body over {@code maxBodySize} answers
     * 413 {@code payload_too_large}, another content type 415 {@code unsupported_media_type}.
     */
    public static CallbackParameters ofBody(Map<String, ? extends List<String>> query, String contentType, byte[] body,
                                            long maxBodySize) {
        byte[] bytes = body == null ? new byte[0] : body;
        requireBodyWithin(bytes.length, maxBodySize);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (bytes.length == 0 || type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
            return ofForm(query, bytes);
        }
        if (type.startsWith("application/json") || type.contains("+json")) {
            return ofJsonBody(query, bytes);
        }
        throw new RejectedRequestException(415, "unsupported_media_type",
                "the body must be application/x-www-form-urlencoded or application/json, not " + contentType);
    }

    /** Refuses a body of {@code size} bytes over {@code maxBodySize} with 413 {@code payload_too_large}. */
    public static void requireBodyWithin(long size, long maxBodySize) {
        if (size > maxBodySize) {
            throw new RejectedRequestException(413, "payload_too_large",
                    "the body has " + size + " bytes; at most " + maxBodySize + " are accepted");
        }
    }

    /**
     * Merges the query string and a JSON object body, the body winning: text values as they are, any
     * other value as its JSON text (so {@code items} may be an array or a string holding one). A body
     * that is not a JSON object answers 400 {@code malformed_json}.
     */
    public static CallbackParameters ofJsonBody(Map<String, ? extends List<String>> query, byte[] body) {
        Map<String, String> merged = new LinkedHashMap<>();
        putFirstValues(merged, query);
        merged.putAll(jsonMembers(body));
        return new CallbackParameters(withoutToken(merged));
    }

    /**
     * What a refused request carried, for its rejected record: the query and, when it can be read at all,
     * the body, without the token; never refused itself, every name and value cut and escaped for storage.
     */
    public static CallbackParameters asReceived(Map<String, ? extends List<String>> query, String contentType,
                                                byte[] body) {
        Map<String, String> merged = new LinkedHashMap<>();
        putFirstValues(merged, query);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            merged.putAll(type.startsWith("application/json") || type.contains("+json") ? jsonMembers(body)
                    : parseForm(body));
        } catch (RejectedRequestException unreadable) {
            // The body's own refusal is the record's reason; the query is what is left to show.
        }
        return new CallbackParameters(Truncation.parameters(withoutToken(merged)), false);
    }

    /**
     * The query string {@code raw} (as sent, without {@code ?}) as parameters, decoded as a form body is:
     * a broken escape or a value that is not UTF-8 answers 400 {@code malformed_form}.
     */
    public static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw != null) {
            parseForm(raw.getBytes(StandardCharsets.UTF_8)).forEach((name, value) -> query.put(name, List.of(value)));
        }
        return query;
    }

    /**
     * The first value of {@code name} in the query string {@code raw}, or null; pairs with a broken escape are
     * passed over, so that a request is authenticated before its parameters are judged.
     */
    public static String firstInQuery(String raw, String name) {
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            try {
                if (percentDecoded(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                    return equals < 0 ? "" : percentDecoded(pair.substring(equals + 1));
                }
            } catch (IllegalArgumentException brokenEscape) {
                // Not this pair: the service refuses it in its own shape once the request is authenticated.
            }
        }
        return null;
    }

    /** {@link #asReceived(Map, String, byte[])} for a raw query string: one that cannot be decoded is kept as sent. */
    public static CallbackParameters asReceived(String rawQuery, String contentType, byte[] body) {
        Map<String, List<String>> query;
        try {
            query = query(rawQuery);
        } catch (RejectedRequestException unreadable) {
            query = Map.of("query", List.of(SecretRedactingFilter.redact(rawQuery)));
        }
        return asReceived(query, contentType, body);
    }

    private static Map<String, String> jsonMembers(byte[] body) {
        Map<String, String> members = new LinkedHashMap<>();
        if (body != null && body.length > 0) {
            JsonNode document;
            try {
                document = LENIENT.readTree(body);
            } catch (IOException e) {
                throw malformed("the body", describe(e));
            }
            if (document == null || !document.isObject()) {
                throw malformed("the body", "a JSON object is expected");
            }
            document.properties().forEach(field -> members.put(field.getKey(),
                    field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString()));
        }
        return members;
    }

    /** {@code parameters} without any spelling of the token's name: none is ever stored or echoed. */
    private static Map<String, String> withoutToken(Map<String, String> parameters) {
        parameters.keySet().removeIf(name -> name.strip().equalsIgnoreCase(TOKEN));
        return parameters;
    }

    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return values;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw RejectedRequestException.badRequest("malformed_form", "the body is not UTF-8 text");
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), pair);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String encoded, String parameter) {
        try {
            return percentDecoded(encoded);
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("malformed_form",
                    "parameter " + abbreviate(parameter) + " has invalid percent-encoding");
        }
    }

    /**
     * Form decoding ({@code +} is a space, {@code %XX} a UTF-8 byte) by Netty's decoder, already on the
     * classpath. Broken escapes throw {@link IllegalArgumentException}.
     */
    private static String percentDecoded(String encoded) {
        return QueryStringDecoder.decodeComponent(encoded, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    public static CallbackParameters of(Map<String, String> values) {
        return new CallbackParameters(withoutToken(new LinkedHashMap<>(values)));
    }

    private static void putFirstValues(Map<String, String> target, Map<String, ? extends List<String>> source) {
        if (source == null) {
            return;
        }
        source.forEach((name, list) -> {
            if (list != null && !list.isEmpty()) {
                target.put(name, list.get(0));
            }
        });
    }

    /** Every parameter as received, without the token, in arrival order. */
    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The first of {@code names} that is present and not blank. */
    public Optional<String> firstOf(String... names) {
        return firstOf(List.of(names));
    }

    /** The first of {@code names} that is present and not blank. */
    public Optional<String> firstOf(List<String> names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The value of {@code name}, or a 400 {@code missing_parameter} refusal when absent or blank. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw RejectedRequestException.badRequest("missing_parameter", name + " is required");
        }
        return value;
    }

    /**
     * The JSON document carried in form field {@code name}, parsed leniently: absent or blank is empty;
     * text that was URL-encoded once more (as some Kollus players do) is decoded first; single quotes,
     * unquoted names and trailing commas are tolerated. Anything else answers 400 {@code malformed_json}.
     */
    public Optional<JsonNode> json(String name) {
        return jsonText(name).map(text -> parseJson(name, text));
    }

    /**
     * The text of the JSON document in form field {@code name} as {@link #json} reads it: stripped, without
     * a byte order mark, decoded once more when URL-encoded twice; empty when absent or blank.
     */
    public Optional<String> jsonText(String name) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("%")) {
            try {
                text = percentDecoded(text).strip();
            } catch (IllegalArgumentException e) {
                throw malformed(name, "it is neither JSON nor URL-encoded JSON");
            }
        }
        return Optional.of(text);
    }

    /** Parses the text {@link #jsonText} answered for form field {@code name}, as {@link #json} does. */
    public static JsonNode parseJson(String name, String text) {
        try {
            JsonNode node = LENIENT.readTree(text);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw malformed(name, "a JSON object or array is expected");
            }
            return node;
        } catch (IOException e) {
            throw malformed(name, describe(e));
        }
    }

    /**
     * A JSON integer, or a string holding one, as Kollus sends numbers either way; null when absent.
     * Refuses fractions and text with 400 {@code invalid_parameter}.
     */
    public static Long integer(JsonNode node, String name) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw invalid(name, node + " does not fit a signed 64-bit integer");
            }
            return node.longValue();
        }
        if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
            // A cast would saturate where the value does not fit: refuse it instead, as for integers.
            if (!(node.doubleValue() >= -0x1p63 && node.doubleValue() < 0x1p63)) {
                throw invalid(name, node + " does not fit a signed 64-bit integer");
            }
            return (long) node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(name, "'" + text + "' is not an integer");
            }
        }
        throw invalid(name, "an integer is expected");
    }

    /** The integer parameter {@code name}, or empty when absent or blank. */
    public Optional<Long> integer(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + value + "' is not an integer");
        }
    }

    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    private static RejectedRequestException malformed(String name, String why) {
        return RejectedRequestException.badRequest("malformed_json", name + " is not valid JSON: " + why);
    }

    private static RejectedRequestException invalid(String name, String why) {
        return RejectedRequestException.badRequest("invalid_parameter", name + ": " + why);
    }

    /** Jackson's own sentence and where it stopped, without the parser's source description. */
    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            String sentence = firstLine(json.getOriginalMessage());
            int marker = sentence.indexOf(" (start marker");
            return (marker < 0 ? sentence : sentence.substring(0, marker)) + " at column " + json.getLocation().getColumnNr();
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
