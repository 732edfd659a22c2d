package org.kollussuite.platform.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.KollusConfig;
import org.kollussuite.commons.logging.SecretRedactingFilter;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps secrets out of the inbox: the values of the secret parameters (the inbound {@code token}, the service
 * account key) under any spelling of their names, and the configured secret values wherever they appear in
 * what a rejected record keeps.
 */
@ApplicationScoped
public class StoredSecrets {

    /** The inbox parameter holding the start of a body that could not be read as parameters. */
    public static final String RAW_BODY = "_raw_body";
    /** How much of such a body the record keeps, in characters. */
    public static final int RAW_BODY_EXCERPT = 2048;

    private static final int DECODINGS = 3;

    private final List<Pattern> secretValues;

    public StoredSecrets(KollusConfig config, ChannelDirectory channels) {
        // Longest first, so that a secret containing another is masked whole; each also percent-encoded.
        this.secretValues = Stream.concat(
                        Stream.of(config.serviceAccountKey().orElse(null), config.callbackToken().orElse(null),
                                config.securityKey().orElse(null)),
                        channels.all().stream().map(Channel::callbackToken))
                .filter(Objects::nonNull).filter(value -> !value.isBlank())
                .distinct().sorted(Comparator.comparingInt(String::length).reversed())
                .map(value -> Pattern.compile(anySpelling(value), Pattern.CASE_INSENSITIVE)).toList();
    }

    /** {@code parameters} as every inbox record keeps them: the value of each secret parameter masked. */
    public static Map<String, String> masked(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(name, isSecretName(name) ? Parameters.MASK : value));
        return copy;
    }

    /**
     * {@code parameters} as a rejected record keeps them: secrets masked, every configured secret value masked
     * inside the other values, control characters escaped and values cut ({@link Truncation#parameters}).
     */
    public Map<String, String> forRejection(Map<String, String> parameters) {
        Map<String, String> masked = new LinkedHashMap<>();
        masked(parameters).forEach((name, value) -> masked.put(maskValues(name), maskValues(value)));
        return Truncation.parameters(masked);
    }

    /**
     * The start of a body that could not be read as a callback, as a rejected record keeps it: whatever its
     * content type, every secret parameter, JSON member and configured secret value masked in the whole body
     * before it is cut, and control characters escaped so that PostgreSQL can store it.
     */
    public Map<String, String> rawExcerpt(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        String masked = maskValues(SecretRedactingFilter.redact(new String(body, StandardCharsets.UTF_8)));
        String cut = masked.length() > RAW_BODY_EXCERPT ? masked.substring(0, RAW_BODY_EXCERPT) : masked;
        return Map.of(RAW_BODY, StorableText.escaped(cut));
    }

    /**
     * Whether {@code name} names a secret parameter in any case and any percent-encoding: {@code TOKEN},
     * {@code %74oken} and {@code content%5Fprovider%5Fkey} are secrets as much as {@code token}.
     */
    static boolean isSecretName(String name) {
        String decoded = name;
        for (int i = 0; i <= DECODINGS; i++) {
            String lower = decoded.strip().toLowerCase(Locale.ROOT);
            if (SecretRedactingFilter.SECRET_NAMES.contains(lower)) {
                return true;
            }
            String next = percentDecoded(decoded);
            if (next.equals(decoded)) {
                return false;
            }
            decoded = next;
        }
        return false;
    }

    private String maskValues(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Pattern secret : secretValues) {
            masked = secret.matcher(masked).replaceAll(Parameters.MASK);
        }
        return masked;
    }

    /**
     * A case-insensitive pattern of {@code text} with each ASCII character as itself or percent-encoded, once or
     * twice, a letter also as its other case's code.
     */
    private static String anySpelling(String text) {
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toCharArray()) {
            pattern.append("(?:").append(Pattern.quote(String.valueOf(c)));
            if (c < 0x80) {
                pattern.append("|%(?:25)?").append(String.format("%02x", (int) c));
                if (Character.isLetter(c)) {
                    pattern.append("|%(?:25)?").append(String.format("%02x", (int) (Character.isUpperCase(c)
                            ? Character.toLowerCase(c) : Character.toUpperCase(c))));
                }
            }
            pattern.append(')');
        }
        return pattern.toString();
    }

    /** Each valid {@code %XX} escape decoded as one character of that code; anything else kept as it is. */
    private static String percentDecoded(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                decoded.append((char) Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }
}
