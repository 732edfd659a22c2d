package org.kollussuite.console.web;

import org.junit.jupiter.api.Test;
import org.kollussuite.console.client.Views;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the overview counts callbacks per minute and bounds its counts. */
class OverviewRatesTest {

    private static Views.Callback callback(String type) {
        return new Views.Callback(1, Instant.now(), type, "accepted", "key", "127.0.0.1", Map.of(), null, null, null);
    }

    @Test
    void callbacksOfTheWindowAreCountedByTypeAndDividedByItsMinutes() {
        List<OverviewResource.Rate> rates = OverviewResource.rates(List.of(callback("upload"), callback("transcoding"),
                callback("upload"), callback("upload")));
        assertEquals(List.of(new OverviewResource.Rate("transcoding", 1, "0.1"), new OverviewResource.Rate("upload", 3, "0.3")),
                rates);
    }

    @Test
    void aCountAtTheBoundIsShownAsAtLeast() {
        assertEquals("≥ 1000", OverviewResource.Count.of(OverviewResource.COUNT_BOUND).text());
        assertEquals("7", OverviewResource.Count.of(7).text());
    }
}
