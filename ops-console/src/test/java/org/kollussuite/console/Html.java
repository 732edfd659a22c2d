package org.kollussuite.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the tests look for in a page: the ids the console gives its key elements. */
public final class Html {

    private Html() {
    }

    /** The text inside the element with {@code id}, inline tags (strong, time, a) and their text included. */
    public static String textOf(String html, String id) {
        Matcher element = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(div|p|dd|span|td|h1|h2|li)>",
                Pattern.DOTALL).matcher(html);
        return element.find() ? element.group(1).replaceAll("<[^>]+>", "").strip() : null;
    }

    /** The first number {@code prefix}N among the page's ids, e.g. the id of the first {@code delivery-} row. */
    public static long firstId(String html, String prefix) {
        Matcher row = Pattern.compile("id=\"" + Pattern.quote(prefix) + "(\\d+)\"").matcher(html);
        if (!row.find()) {
            throw new AssertionError("no element with an id " + prefix + "N in:\n" + html);
        }
        return Long.parseLong(row.group(1));
    }
}
