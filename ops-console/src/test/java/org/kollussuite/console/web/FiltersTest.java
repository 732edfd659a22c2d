package org.kollussuite.console.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How filters are read and how garbage is put in words. */
class FiltersTest {

    @Test
    void aTimeIsAnInstantOrWhatADatetimeLocalFieldSendsReadAsUtc() {
        Filters filters = new Filters();
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), filters.instant("Since", "2026-01-31T10:00:00Z"));
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), filters.instant("Since", "2026-01-31T10:00"));
        assertNull(filters.instant("Since", " "));
        assertTrue(filters.valid());
        assertEquals(200, filters.status());
    }

    @Test
    void garbageIsCollectedInWordsAndMakesThePageA400() {
        Filters filters = new Filters();
        assertNull(filters.instant("Since", "yesterday"));
        assertNull(filters.oneOf("State", "Sideways", List.of("pending", "failed")));
        assertEquals(1, filters.page("-3"));

        assertEquals(400, filters.status());
        assertEquals(List.of(
                "Since “yesterday” is not a date and time: write it as 2026-01-31T10:00 (UTC).",
                "State “Sideways” is unknown: choose one of pending, failed.",
                "Page “-3” is not a page number (1 or more)."), filters.problems());
    }

    @Test
    void aPathIdThatIsNotAPositiveNumberEndsTheRequestWithItsReason() {
        assertEquals(42, Filters.id("Delivery", "42", "/deliveries", "Back"));
        BadInputException refused = assertThrows(BadInputException.class,
                () -> Filters.id("Delivery", "abc", "/deliveries", "Back"));
        assertEquals("Delivery “abc” is not an id (a positive number).", refused.getMessage());
        assertThrows(BadInputException.class, () -> Filters.id("Delivery", "0", "/deliveries", "Back"));
    }

    @Test
    void aKnownValueIsAcceptedWhateverItsCase() {
        Filters filters = new Filters();
        assertEquals("failed", filters.oneOf("State", " FAILED ", List.of("pending", "failed")));
        assertEquals(3, filters.page("3"));
        assertTrue(filters.valid());
    }

    @Test
    void aTimeIsShownAgainAsADatetimeLocalFieldTakesIt() {
        assertEquals("2026-01-31T10:15", Filters.echo(Instant.parse("2026-01-31T10:15:30Z"), "2026-01-31T10:15:30Z"));
        assertEquals("soon", Filters.echo(null, "soon"));
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        Filters filters = new Filters();
        filters.range(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(List.of("“Until” must be after “since”."), filters.problems());
    }

    @Test
    void overlongTextIsRefused() {
        Filters filters = new Filters();
        assertNull(filters.text("Subject", "x".repeat(201)));
        assertEquals(400, filters.status());
    }
}
