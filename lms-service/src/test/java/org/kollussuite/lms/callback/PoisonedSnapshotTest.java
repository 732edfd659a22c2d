package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.DatabaseLocks;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.ProgressKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/**
 * A snapshot whose values PostgreSQL itself refuses costs only itself, never the snapshots written with it:
 * it is quarantined and answered like any other. The refusal comes from a check constraint this test adds,
 * as a stand-in for whatever a future schema or data might refuse that the reader let through.
 */
@QuarkusTest
class PoisonedSnapshotTest {

    private static final int HONEST = 20;
    private static final String REFUSED_PLAYER = "refused-by-database";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LmsConfig config;

    @BeforeEach
    void refuseOnePlayerId() throws SQLException {
        execute("alter table lms_session add constraint test_refused_player check (player_id is distinct from '"
                + REFUSED_PLAYER + "') not valid");
    }

    @AfterEach
    void acceptEveryPlayerId() throws SQLException {
        execute("alter table lms_session drop constraint if exists test_refused_player");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aSnapshotTheDatabaseRefusesIsQuarantinedAloneAndCostsNoHonestSnapshotOfItsBatch() throws Exception {
        String content = newContent();
        String blocker = newUser();
        store(snapshot(blocker, content, 100, 60, 60, 60, Set.of(0)));
        int writer = writerOf(blocker, content);
        double splitsBefore = Metrics.sum("kollus_lms_batch_split_total");
        double poisonedBefore = Metrics.sum("kollus_lms_poisoned_total");

        CompletableFuture<Integer> blocked;
        String poisonedUser = userOfWriter(writer, content);
        List<String> honestUsers = new ArrayList<>();
        List<CompletableFuture<Integer>> honest = new ArrayList<>();
        CompletableFuture<Integer> poisoned;
        try (Connection lock = dataSource.getConnection()) {
            // A lock on the blocker's progress row holds its writer inside one batch, so that the snapshots
            // sent meanwhile to the same writer queue up and are written together in the next one.
            lock.setAutoCommit(false);
            try (PreparedStatement row = lock.prepareStatement(
                    "select 1 from lms_progress where client_user_id = ? for update")) {
                row.setString(1, blocker);
                row.executeQuery().close();
            }
            blocked = send(snapshot(blocker, content, 100, 120, 120, 120, Set.of(0, 1)).toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.someoneWaits(dataSource));

            for (int i = 0; i < HONEST; i++) {
                String user = userOfWriter(writer, content);
                honestUsers.add(user);
                honest.add(send(snapshot(user, content, 200, 300, 300, 300, Set.of(0, 1, 2)).toString()));
            }
            ObjectNode document = snapshot(poisonedUser, content, 200, 300, 300, 300, Set.of(0));
            ((ObjectNode) document.get("user_info")).put("player_id", REFUSED_PLAYER);
            poisoned = send(document.toString());
            for (int i = 0; i < HONEST; i++) {
                String user = userOfWriter(writer, content);
                honestUsers.add(user);
                honest.add(send(snapshot(user, content, 200, 300, 300, 300, Set.of(0, 1, 2)).toString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> queuedSnapshots() >= 2 * HONEST + 1);
            lock.rollback();
        }

        assertEquals(200, blocked.get(20, TimeUnit.SECONDS));
        for (int i = 0; i < honest.size(); i++) {
            assertEquals(200, honest.get(i).get(20, TimeUnit.SECONDS), "honest snapshot " + i + " is stored");
            assertEquals(30, progress(MATH, content, honestUsers.get(i)).getInt("percent"));
        }
        assertEquals(200, poisoned.get(20, TimeUnit.SECONDS), "the refused snapshot is kept, and answered");
        assertEquals("refused_by_database", LmsClient.quarantined(MATH, poisonedUser).get("reason"));
        assertEquals(404, given().header("Authorization", LmsClient.ADMIN)
                .get("/api/v1/progress/" + MATH + "/" + content + "/" + poisonedUser).statusCode());
        assertEquals(poisonedBefore + 1, Metrics.sum("kollus_lms_poisoned_total"));
        assertTrue(Metrics.sum("kollus_lms_batch_split_total") > splitsBefore, "the batch was split, not refused whole");
    }

    private CompletableFuture<Integer> send(String jsonData) {
        return CompletableFuture.supplyAsync(() -> given().queryParam("token", TOKEN)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("json_data", jsonData)
                .post("/callbacks/channels/" + MATH + "/lms").statusCode());
    }

    /** A new learner whose snapshots on {@code content} go to writer {@code writer}. */
    private String userOfWriter(int writer, String content) {
        while (true) {
            String user = newUser();
            if (writerOf(user, content) == writer) {
                return user;
            }
        }
    }

    private int writerOf(String user, String content) {
        return Math.floorMod(new ProgressKey(MATH, content, user).hashCode(), config.writers());
    }

    private double queuedSnapshots() {
        return Metrics.sum("kollus_lms_queue_pending");
    }
}
