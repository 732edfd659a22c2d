package org.kollussuite.commons.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Masks inbound {@code token} query parameters and bearer tokens in every log line, access log included,
 * before any handler writes it.
 */
@LoggingFilter(name = SecretRedactingFilter.NAME)
public final class SecretRedactingFilter implements Filter {

    public static final String NAME = "secret-redaction";
    public static final String MASK = "***";

    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)((?<!\\w)token=)[^&\\s\"']+");
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
        return true;
    }

    /** {@code text} with every token parameter value and bearer credential replaced by {@link #MASK}. */
    public static String redact(String text) {
        String masked = TOKEN_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return BEARER.matcher(masked).replaceAll("$1" + MASK);
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getMessage();
    }
}
