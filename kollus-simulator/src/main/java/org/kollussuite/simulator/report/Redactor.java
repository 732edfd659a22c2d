package org.kollussuite.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kollussuite.simulator.wire.SuiteTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes answers printable: a JWT is shown as its payload, a player URL (which carries the custom
 * key and a token) as a placeholder, and any secret that still appears as {@code ***}.
 */
public final class Redactor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST = 240;

    private final List<String> secrets;

    public Redactor(SuiteTarget target) {
        this.secrets = Stream.of(target.callbackToken(), target.serviceAccountKey(), target.securityKey(),
                target.customKey(), target.adminToken()).filter(secret -> !secret.isEmpty()).toList();
    }

    /** The answer body fit for a terminal: one line, no secret, not too long. */
    public String body(String body) {
        String text = body.strip();
        String[] parts = text.split("\\.", -1);
        if (parts.length == 3 && !text.contains(" ") && !text.startsWith("{")) {
            text = "JWT " + payload(parts[1]);
        }
        return shorten(redact(text.replaceAll("\\s+", " ")));
    }

    public String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    private static String payload(String part) {
        try {
            JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            if (payload.path("data").has("url")) {
                ((ObjectNode) payload.get("data")).put("url", "<signed player URL>");
            }
            return payload.toString();
        } catch (IllegalArgumentException | IOException e) {
            return "(payload not readable)";
        }
    }

    private static String shorten(String text) {
        return text.length() > LONGEST ? text.substring(0, LONGEST) + "..." : text;
    }
}
