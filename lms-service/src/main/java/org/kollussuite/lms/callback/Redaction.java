package org.kollussuite.lms.callback;

import org.kollussuite.commons.callback.CallbackParameters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes a channel's inbound token from what an LMS request leaves behind: the token parameter under
 * any spelling of its name, and the token's value wherever else it appears, as text, percent-encoded
 * (in either case of hex digits, once or twice) or JSON-escaped, since each of these reads back as the token.
 */
final class Redaction {

    static final String REDACTED = "[redacted]";
    private static final byte[] REDACTED_BYTES = REDACTED.getBytes(StandardCharsets.UTF_8);
    /** Decodings looked through: a value encoded twice, as some Kollus players send {@code json_data}, and a JSON escape in it. */
    private static final int LEVELS = 3;

    private final byte[] secret;

    Redaction(String token) {
        this.secret = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code name}, stripped and in any case, once decoded, names the token parameter. */
    static boolean isTokenName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int level = 0; level <= LEVELS; level++) {
            if (new String(bytes, StandardCharsets.UTF_8).strip().equalsIgnoreCase(CallbackParameters.TOKEN)) {
                return true;
            }
            Decoded decoded = Decoded.of(bytes);
            if (decoded == null) {
                return false;
            }
            bytes = decoded.bytes;
        }
        return false;
    }

    /** The query without any parameter named like the token, and without the token's value anywhere else. */
    Map<String, List<String>> query(Map<String, List<String>> query) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!isTokenName(name)) {
                kept.put(text(name), values.stream().map(this::text).toList());
            }
        });
        return kept;
    }

    /** {@code value} without the token's value; the same string when it holds none. */
    String text(String value) {
        if (secret == null || value == null) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] redacted = body(bytes);
        return redacted == bytes ? value : new String(redacted, StandardCharsets.UTF_8);
    }

    /** {@code body} with every spelling of the token's value replaced; the same array when there is none. */
    byte[] body(byte[] body) {
        if (secret == null) {
            return body;
        }
        byte[] redacted = body;
        // Each round removes what every level of decoding shows; a replacement can join encoded parts anew.
        for (int round = 0; round < LEVELS + 1; round++) {
            byte[] next = redactOnce(redacted);
            if (next == redacted) {
                return redacted;
            }
            redacted = next;
        }
        return redacted;
    }

    /** Whether {@code value} holds the token's value in any spelling {@link #body} removes. */
    boolean appearsIn(String value) {
        return text(value) != value;
    }

    private byte[] redactOnce(byte[] data) {
        // The view at each level, with where each of its bytes came from in data.
        byte[] view = data;
        int[] from = null;
        int[] to = null;
        for (int level = 0; level <= LEVELS; level++) {
            int at = indexOf(view, secret, 0);
            if (at >= 0) {
                int start = from == null ? at : from[at];
                int end = to == null ? at + secret.length : to[at + secret.length - 1];
                return replace(data, start, end);
            }
            Decoded decoded = Decoded.of(view);
            if (decoded == null) {
                return data;
            }
            int[] nextFrom = new int[decoded.bytes.length];
            int[] nextTo = new int[decoded.bytes.length];
            for (int i = 0; i < decoded.bytes.length; i++) {
                nextFrom[i] = from == null ? decoded.from[i] : from[decoded.from[i]];
                nextTo[i] = to == null ? decoded.to[i] : to[decoded.to[i] - 1];
            }
            view = decoded.bytes;
            from = nextFrom;
            to = nextTo;
        }
        return data;
    }

    private static byte[] replace(byte[] data, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, start);
        out.writeBytes(REDACTED_BYTES);
        out.write(data, end, data.length - end);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] secret, int from) {
        outer:
        for (int i = from; i <= data.length - secret.length; i++) {
            for (int j = 0; j < secret.length; j++) {
                if (data[i + j] != secret[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Bytes with their percent escapes and JSON escapes decoded once, each decoded byte knowing the range
     * {@code [from, to)} of the bytes it came from; escapes that are broken stay as they are.
     */
    private record Decoded(byte[] bytes, int[] from, int[] to) {

        /** The decoded bytes, or null when there is nothing to decode. */
        static Decoded of(byte[] data) {
            if (indexOf(data, new byte[] {'%'}, 0) < 0 && indexOf(data, new byte[] {'\\'}, 0) < 0) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length);
            int[] from = new int[data.length * 3];
            int[] to = new int[data.length * 3];
            int n = 0;
            int i = 0;
            while (i < data.length) {
                byte b = data[i];
                if (b == '%' && i + 2 < data.length && hex(data[i + 1]) >= 0 && hex(data[i + 2]) >= 0) {
                    bytes.write(hex(data[i + 1]) * 16 + hex(data[i + 2]));
                    from[n] = i;
                    to[n++] = i + 3;
                    i += 3;
                } else if (b == '\\' && i + 5 < data.length && data[i + 1] == 'u' && hex(data[i + 2]) >= 0
                        && hex(data[i + 3]) >= 0 && hex(data[i + 4]) >= 0 && hex(data[i + 5]) >= 0) {
                    char c = (char) (hex(data[i + 2]) << 12 | hex(data[i + 3]) << 8 | hex(data[i + 4]) << 4 | hex(data[i + 5]));
                    byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    for (byte e : encoded) {
                        bytes.write(e);
                        from[n] = i;
                        to[n++] = i + 6;
                    }
                    i += 6;
                } else if (b == '\\' && i + 1 < data.length && "\"\\/".indexOf(data[i + 1]) >= 0) {
                    bytes.write(data[i + 1]);
                    from[n] = i;
                    to[n++] = i + 2;
                    i += 2;
                } else {
                    bytes.write(b);
                    from[n] = i;
                    to[n++] = i + 1;
                    i++;
                }
            }
            return new Decoded(bytes.toByteArray(), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
        }

        private static int hex(byte b) {
            return Character.digit(b, 16);
        }
    }
}
