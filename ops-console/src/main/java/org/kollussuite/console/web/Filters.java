package org.kollussuite.console.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a page's filters from their raw text and collects, in words, every one that makes no sense, so
 * that the page can answer {@code 400} with the form and the reasons instead of an error.
 */
public final class Filters {

    private static final int MAX_TEXT = 200;
    private static final int MAX_PAGE = 100_000;

    private final List<String> problems = new ArrayList<>();

    /** A free-text filter, or null when empty. */
    public String text(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(label + " is longer than " + MAX_TEXT + " characters.");
            return null;
        }
        return value.strip();
    }

    /** One of {@code allowed} (case ignored), or null when empty. */
    public String oneOf(String label, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(wanted)) {
            problems.add(label + " “" + value.strip() + "” is unknown: choose one of " + String.join(", ", allowed) + ".");
            return null;
        }
        return wanted;
    }

    /**
     * A time, or null when empty: an ISO-8601 instant ({@code 2026-01-31T10:00:00Z}) or what a
     * {@code datetime-local} field sends ({@code 2026-01-31T10:00}), which the forms label as UTC.
     */
    public Instant instant(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(label + " “" + text + "” is not a date and time: write it as 2026-01-31T10:00 (UTC).");
                return null;
            }
        }
    }

    /**
     * What a time field shows again: a time that was understood in the form a {@code datetime-local} field
     * takes (UTC, to the minute), anything else as it was typed.
     */
    public static String echo(Instant understood, String typed) {
        return understood == null ? typed
                : LocalDateTime.ofInstant(understood, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A time as an admin API's query parameter takes it (ISO-8601), or null to leave the parameter out. */
    public static String parameter(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The page number, 1 when absent. */
    public int page(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value.strip());
            if (page >= 1 && page <= MAX_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        problems.add("Page “" + value.strip() + "” is not a page number (1 or more).");
        return 1;
    }

    /** An id in a path; anything but a positive number ends the request with a 400 page. */
    public static long id(String label, String value, String backUrl, String backLabel) {
        try {
            long id = Long.parseLong(value == null ? "" : value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below like a negative number
        }
        throw new BadInputException("No such " + label.toLowerCase(Locale.ROOT),
                label + " “" + value + "” is not an id (a positive number).", backUrl, backLabel);
    }

    /** Checks that a range's end, when both are given, comes after its start. */
    public void range(Instant since, Instant until) {
        if (since != null && until != null && !until.isAfter(since)) {
            problems.add("“Until” must be after “since”.");
        }
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The status of the page: 400 when a filter was garbage. */
    public int status() {
        return valid() ? 200 : 400;
    }
}
