package org.kollussuite.commons.text;

/** Makes received text storable: PostgreSQL refuses NUL in text, and no stored text keeps a control character. */
public final class StorableText {

    private StorableText() {
    }

    /** Whether {@code text} holds a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isRefused(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with each such control character written as a {@code \}{@code uXXXX} escape; null stays null. */
    public static String escaped(String text) {
        if (!hasControlCharacter(text)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isRefused(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static boolean isRefused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }
}
