package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.store;

@QuarkusTest
class ViewingHistoryTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.lms.*");

    @Inject
    AgroalDataSource dataSource;

    /** Each stored session of the learner, in order: its furthest snapshot's text and how many snapshots it received. */
    private List<String> storedSessions(String user) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select snapshot, snapshots from lms_session where client_user_id = ? order by start_at")) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add(rows.getInt(2) + " " + rows.getString(1));
                }
            }
        }
        return sessions;
    }

    private static void assertExpectedOutcome(ViewingHistory history) {
        JsonPath progress = progress(MATH, history.content(), history.user());
        assertEquals(100, progress.getInt("percent"));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), progress.getList("watchedBlocks", Integer.class));
        assertEquals(10, progress.getInt("blockCount"));
        assertEquals(1150, progress.getLong("playtime"));
        assertEquals(1000, progress.getLong("realPlaytime"));
        assertEquals(990, progress.getInt("lastPosition"));
        assertEquals(2, progress.getInt("sessions"));
        assertTrue(progress.getBoolean("completed"));
        assertNotNull(progress.getString("completedAt"));
    }

    private List<CloudEvent> eventsOf(String user, String type) {
        return events.tap().matching(e -> user.equals(e.user()) && e.type().equals(type)).stream()
                .map(r -> r.event()).toList();
    }

    @Test
    void aScriptedHistoryGivesExactProgressAndOneCompletion() {
        ViewingHistory history = ViewingHistory.of(newUser(), newContent());

        List<Integer> percents = new ArrayList<>();
        for (ObjectNode snapshot : history.snapshots()) {
            store(snapshot);
            percents.add(progress(MATH, history.content(), history.user()).getInt("percent"));
        }

        assertEquals(List.of(20, 50, 50, 50, 70, 100, 100, 100), percents, "progress never moves backwards");
        assertExpectedOutcome(history);
        JsonPath progress = progress(MATH, history.content(), history.user());
        String completedAt = progress.getString("completedAt");
        store(history.snapshots().get(0));
        assertEquals(completedAt, progress(MATH, history.content(), history.user()).getString("completedAt"),
                "completedAt is set once");
        await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(history.user(), "kollus.lms.progressed").size() == 4);
        List<Integer> crossed = eventsOf(history.user(), "kollus.lms.progressed").stream()
                .map(e -> e.data().get("percent").intValue()).sorted().toList();
        assertEquals(List.of(20, 50, 70, 100), crossed, "one progressed event per snapshot that crossed a step of 10");
        CloudEvent completed = await().atMost(Duration.ofSeconds(15))
                .until(() -> eventsOf(history.user(), "kollus.lms.completed"), list -> !list.isEmpty()).get(0);
        assertEquals(history.content(), completed.subject());
        assertEquals(MATH, completed.channel());
        assertEquals(100, completed.data().get("percent").intValue());
        assertEquals(10, completed.data().get("watchedBlocks").intValue());
        assertEquals(1150, completed.data().get("playtime").longValue());
        assertEquals(1, eventsOf(history.user(), "kollus.lms.completed").size());
    }

    @Test
    void eachSessionKeepsItsFurthestSnapshotAsSentWithEveryCharacterIntact() throws SQLException {
        ViewingHistory history = ViewingHistory.of(newUser(), newContent());
        List<ObjectNode> snapshots = history.snapshots();
        for (ObjectNode snapshot : snapshots) {
            ((ObjectNode) snapshot.get("user_info")).put("player_id", "Kim's \"player\" \\ 한국어 😀");
        }

        snapshots.forEach(LmsClient::store);

        // first3 and second2 are each session's furthest; the sessions received 5 and 3 snapshots.
        assertEquals(List.of("5 " + snapshots.get(2), "3 " + snapshots.get(5)), storedSessions(history.user()));
    }

    @Test
    void theSameHistoryPostedByTwentyThreadsInRandomOrderGivesTheSameState() throws Exception {
        List<ViewingHistory> histories = new ArrayList<>();
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ViewingHistory history = ViewingHistory.of(newUser(), newContent());
            histories.add(history);
            for (int copy = 0; copy < 3; copy++) {
                history.snapshots().forEach(s -> all.add(s.deepCopy()));
            }
        }
        Collections.shuffle(all, new Random(42));

        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (ObjectNode snapshot : all) {
                posts.add(threads.submit(() -> store(snapshot)));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            threads.shutdownNow();
        }

        for (ViewingHistory history : histories) {
            assertExpectedOutcome(history);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> eventsOf(history.user(), "kollus.lms.completed").size() == 1);
        }
    }
}
