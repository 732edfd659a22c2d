package org.kollussuite.commons.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secrets (the inbound {@code token}, the service account key, bearer tokens) in every log line,
 * access log included, before any handler writes it; stores use {@link #redact} on what they keep raw.
 */
@LoggingFilter(name = SecretRedactingFilter.NAME)
public final class SecretRedactingFilter implements Filter {

    public static final String NAME = "secret-redaction";
    public static final String MASK = "***";

    /** How deep a chain of causes is followed; deeper ones are left out of the record. */
    private static final int MAX_CAUSES = 20;

    /** Parameter names whose values are secrets: the inbound callback token and the service account key. */
    public static final List<String> SECRET_NAMES = List.of("token", "content_provider_key");

    private static final String SECRET_NAME = SECRET_NAMES.stream().map(SecretRedactingFilter::anySpelling)
            .collect(Collectors.joining("|", "(?:", ")"));
    private static final String EQUALS = "(?:=|%(?:25)?3d)";
    private static final Pattern PARAMETER =
            Pattern.compile("(?i)((?<![\\w%])" + SECRET_NAME + EQUALS + ")[^&\\s\"']+");
    private static final Pattern JSON_MEMBER = Pattern.compile(
            // Possessive loops: a string of any length is matched without one stack frame per character.
            "(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*)(?:\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|[^,}\\]\\s]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = formatted(record);
        if (message != null) {
            String redacted = redact(message);
            if (!redacted.equals(message)) {
                if (record instanceof ExtLogRecord ext) {
                    ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(redacted);
                }
                record.setParameters(null);
            }
        }
        if (record.getThrown() != null && leaks(record.getThrown(), MAX_CAUSES)) {
            record.setThrown(redacted(record.getThrown(), MAX_CAUSES));
        }
        return true;
    }

    /** Whether a message in {@code thrown}'s chain of causes holds a secret (a failed request's URI, say). */
    private static boolean leaks(Throwable thrown, int depth) {
        String message = thrown.getMessage();
        return (message != null && !redact(message).equals(message))
                || (depth > 0 && thrown.getCause() != null && thrown.getCause() != thrown && leaks(thrown.getCause(), depth - 1));
    }

    /** A copy of {@code thrown}'s chain with every message redacted, keeping the types' names and stack traces. */
    private static Throwable redacted(Throwable thrown, int depth) {
        Throwable cause = depth > 0 && thrown.getCause() != null && thrown.getCause() != thrown
                ? redacted(thrown.getCause(), depth - 1) : null;
        String message = thrown.getMessage() == null ? null : redact(thrown.getMessage());
        RedactedException copy = new RedactedException(thrown.getClass().getName() + ": " + message, cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in a log record for an exception whose message held a secret. */
    static final class RedactedException extends RuntimeException {

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code text} with the value of every secret parameter ({@link #SECRET_NAMES}, in any case and any
     * percent-encoding of the name, as a query or form pair or a JSON member) and every bearer credential
     * replaced by {@link #MASK}.
     */
    public static String redact(String text) {
        String masked = PARAMETER.matcher(text).replaceAll("$1" + MASK);
        masked = JSON_MEMBER.matcher(masked).replaceAll("$1\"" + MASK + "\"");
        return BEARER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** The same for raw bytes of any encoding: every byte outside a masked value is kept as it was. */
    public static byte[] redact(byte[] raw) {
        String masked = redact(new String(raw, StandardCharsets.ISO_8859_1));
        return masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A pattern matching {@code name} with each character written as itself or percent-encoded, once or twice. */
    private static String anySpelling(String name) {
        StringBuilder pattern = new StringBuilder();
        for (char c : name.toCharArray()) {
            String hex = Integer.toHexString(c);
            String escaped = "%(?:25)?" + hex;
            if (Character.isLetter(c)) {
                escaped += "|%(?:25)?" + Integer.toHexString(Character.toUpperCase(c));
            }
            pattern.append("(?:").append(Pattern.quote(String.valueOf(c))).append('|').append(escaped).append(')');
        }
        return pattern.toString();
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getMessage();
    }
}
