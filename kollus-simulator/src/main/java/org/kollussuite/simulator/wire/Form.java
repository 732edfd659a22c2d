package org.kollussuite.simulator.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** application/x-www-form-urlencoded encoding in UTF-8, the encoding of every Kollus callback. */
public final class Form {

    private Form() {
    }

    /** The fields in their given order, each name and value encoded. */
    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment wants %20, not the form encoding's +, for a space. */
    public static String encodeSegment(String value) {
        return encode(value).replace("+", "%20");
    }
}
