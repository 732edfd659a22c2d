package org.kollussuite.lms.quarantine;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.lms.callback.LmsClient;
import org.kollussuite.lms.quarantine.QuarantineStore.NewEntry;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retention and the per-channel cap keep a flood of unreadable snapshots from filling the disk, oldest first. */
@QuarkusTest
class QuarantineBoundsTest {

    private static final Instant LONG_AGO = Instant.parse("1999-01-01T00:00:00Z");

    @Inject
    QuarantineStore store;

    @Test
    void beyondTheCapAChannelKeepsItsNewestEntriesAndOtherChannelsAreUntouched() throws Exception {
        String flooded = "flooded-" + LmsClient.newContent();
        String quiet = "quiet-" + LmsClient.newContent();
        insert(flooded, 1, 5, Instant.now());
        insert(quiet, 1, 2, Instant.now());

        Map<String, Integer> dropped = store.purge(LONG_AGO, 3, List.of(flooded, quiet));

        assertEquals(Map.of(flooded, 2), dropped);
        assertEquals(List.of("5", "4", "3"), bodies(flooded), "the oldest went first");
        assertEquals(2, bodies(quiet).size());
    }

    @Test
    void entriesPastTheRetentionAreDroppedAndCounted() throws Exception {
        String channel = "old-" + LmsClient.newContent();
        insert(channel, 1, 2, LONG_AGO.minusSeconds(60));
        insert(channel, 3, 3, Instant.now());

        Map<String, Integer> dropped = store.purge(LONG_AGO, Long.MAX_VALUE, List.of(channel));

        assertEquals(2, dropped.get(channel));
        assertEquals(List.of("3"), bodies(channel));
    }

    /** Entries {@code from} to {@code to} of {@code channel}, each with its number as its body. */
    private void insert(String channel, int from, int to, Instant receivedAt) {
        List<NewEntry> entries = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            entries.add(new NewEntry(receivedAt, channel, "malformed_json", "test", true, Map.of(), "text/plain",
                    String.valueOf(i).getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                store.insert(entries);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> bodies(String channel) throws SQLException {
        return store.page(channel, null, null, 0, 100).stream()
                .map(e -> new String(e.body(), StandardCharsets.UTF_8)).toList();
    }
}
