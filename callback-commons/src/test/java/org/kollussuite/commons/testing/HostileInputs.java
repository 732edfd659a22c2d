package org.kollussuite.commons.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile requests for fuzz tests, drawn from a seeded random source: random bytes, forms, queries and JSON
 * built to break parsers, limits and storage (huge numbers, deep nesting, duplicate names, invalid UTF-8, NUL,
 * every escape), aimed at an endpoint's own parameter names so that they reach its checks, not only its parser.
 */
public final class HostileInputs {

    /** Content types a hostile body is sent with, the absent one included. */
    public static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded",
            "application/json", "text/plain", "application/octet-stream", "multipart/form-data",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/json; charset=UTF-16", "");

    static final List<String> EDGE_NUMBERS = List.of("0", "-0", "1", "-1", "1.0", "1.5", "-1.5", "1e3",
            "1e400", "-1e400", "NaN", "Infinity", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551617", "18446744073709551716", "0x10", "00012",
            "2147483648", "-2147483649", "99999999999999999999999999999999999999", "1E-400", " 1", "1 ");

    static final List<String> EDGE_TEXTS = List.of("", " ", "\u0000", "a\u0000b", "\u0001\u001f\u007f",
            "%00", "%zz", "%", "%%", "%u0000", "%C0%80", "%ED%A0%80", "%FF%FE", "%2500", "%74oken", "TOKEN",
            "\ud800", "\udfff", "\uFEFF", "\u202E", "\uD83D\uDE00", "'; drop table x; --", "\\", "\\u0000",
            "<script>alert(1)</script>", "../../etc/passwd", "\r\n\r\n", "null", "true", "[]", "{}",
            "1970-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "294277-01-01",
            "P99999999D", "*", "?", "&", "=", "#");

    private static final List<String> SECRET_NAMES = List.of("token", "TOKEN", "Token", "%74oken",
            "content_provider_key", "CONTENT_PROVIDER_KEY", "json_data", "json", "items", "data", "kind");
    private static final List<String> REPEATED = List.of("a", "\u0000", "%", "9", "\u00e9", "\uD83D\uDE00");
    private static final int[] REPEATS = {199, 200, 201, 500, 501, 1000, 1001, 2000, 2001, 70_000};
    private static final int[] DEPTHS = {2, 64, 1000, 5000, 100_000};
    private static final List<byte[]> BROKEN_UTF8 = List.of(new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
            "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

    /**
     * Longest query a hostile request carries: the HTTP server refuses a request line over 4 KiB before any
     * service code runs, so longer values travel in bodies, where the services' own limits meet them.
     */
    static final int MAX_QUERY = 3_000;

    private final Random random;
    private final List<String> known;

    /** Inputs for an endpoint whose own parameter names are {@code known}, drawn from {@code seed}. */
    public HostileInputs(long seed, List<String> known) {
        this.random = new Random(seed);
        this.known = List.copyOf(known);
    }

    /** A hostile request to {@code path}: maybe a query over the known names, and a body with any content type. */
    public RawHttp.Request request(String method, String path) {
        String target = random.nextBoolean() ? path : path + (path.contains("?") ? "&" : "?") + query();
        return new RawHttp.Request(method, target, pick(CONTENT_TYPES), body());
    }

    /** One hostile value: an edge text or number, random text of any code point, or a long run of one. */
    public String value() {
        return switch (random.nextInt(13)) {
            case 0, 1, 2, 3 -> pick(EDGE_TEXTS);
            case 4, 5, 6 -> pick(EDGE_NUMBERS);
            case 7, 8, 9 -> anyText(random.nextInt(41));
            case 10, 11 -> Long.toString(random.nextLong(), 36);
            default -> pick(REPEATED).repeat(REPEATS[random.nextInt(REPEATS.length)]);
        };
    }

    /** A parameter name: one of the endpoint's own (sometimes upper-cased), a secret's spelling, or a random one. */
    public String name() {
        return switch (random.nextInt(9)) {
            case 0, 1, 2, 3, 4, 5 -> pick(known);
            case 6 -> pick(known).toUpperCase();
            case 7 -> pick(SECRET_NAMES);
            default -> anyText(random.nextInt(13));
        };
    }

    /** A URL-encoded form over the known names, with duplicates, and broken escapes left raw. */
    public String form() {
        return pairs(Integer.MAX_VALUE);
    }

    /** A query like {@link #form()}, as sent, no longer than {@link #MAX_QUERY}: pairs that would pass it are left out. */
    public String query() {
        return pairs(MAX_QUERY);
    }

    private String pairs(int maxLength) {
        StringBuilder pairs = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            boolean encode = random.nextInt(4) > 0;
            String name = name();
            String value = value();
            String pair = encode ? encode(name) + "=" + encode(value) : name + "=" + value;
            if (pairs.length() + RawHttp.sendable(pair).length() + 1 <= maxLength) {
                pairs.append(pairs.isEmpty() ? "" : "&").append(RawHttp.sendable(pair));
            }
        }
        return pairs.toString();
    }

    /** A JSON text over the known names: nested, duplicated, of every type, sometimes cut short. */
    public String json() {
        return switch (random.nextInt(10)) {
            case 0 -> {
                int depth = DEPTHS[random.nextInt(DEPTHS.length)];
                yield "[".repeat(depth) + "]".repeat(depth);
            }
            case 1 -> {
                int depth = DEPTHS[random.nextInt(DEPTHS.length - 1)];
                yield "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            case 2 -> {
                String whole = object(3);
                yield whole.substring(0, whole.length() / 2);
            }
            case 3 -> pick(EDGE_NUMBERS);
            case 4 -> array(3);
            default -> object(3);
        };
    }

    /** A whole request body, as bytes: a form, JSON, random bytes or invalid UTF-8. */
    public byte[] body() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> form().getBytes(StandardCharsets.UTF_8);
            case 4, 5, 6, 7 -> json().getBytes(StandardCharsets.UTF_8);
            case 8 -> {
                byte[] bytes = new byte[random.nextInt(601)];
                random.nextBytes(bytes);
                yield bytes;
            }
            default -> BROKEN_UTF8.get(random.nextInt(BROKEN_UTF8.size()));
        };
    }

    private String object(int depth) {
        List<String> members = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            members.add(quoted(name()) + ":" + jsonValue(depth));
        }
        return "{" + String.join(",", members) + "}";
    }

    private String array(int depth) {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            items.add(jsonValue(depth));
        }
        return "[" + String.join(",", items) + "]";
    }

    private String jsonValue(int depth) {
        int choice = random.nextInt(depth == 0 ? 10 : 12);
        return switch (choice) {
            case 0, 1, 2, 3 -> quoted(value());
            case 4, 5, 6 -> pick(EDGE_NUMBERS);
            case 7, 8, 9 -> pick(List.of("true", "false", "null", "\"\\u0000\"", "\"\\ud800\"", "\"\\x00\"", "\"\\\""));
            case 10 -> object(depth - 1);
            default -> array(depth - 1);
        };
    }

    private String anyText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10000)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.append((char) c);
            }
        });
        return quoted.append('"').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
