package org.kollussuite.player.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
class EntitlementCacheTest {

    @Inject
    AgroalDataSource dataSource;

    /** Revokes behind the service's back: no invalidation event, as if it had been lost. */
    private void revokeSilently(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoke = connection.prepareStatement("update entitlement set revoked_at = now() where id = ?")) {
            revoke.setLong(1, id);
            assertEquals(1, revoke.executeUpdate());
        }
    }

    @Test
    void decisionsReadCachedEntitlementsAndAMissedInvalidationLastsAtMostTheStalenessBound() throws SQLException {
        String user = newUser();
        String content = newContent();
        long id = grant(user, COURSE, content, null, false);
        assertEquals(0, play(COURSE, playForm(3, user, content)).get("content_expired").intValue());

        revokeSilently(id);

        assertEquals(0, play(COURSE, playForm(3, user, content)).get("content_expired").intValue(),
                "the decision came from the cache, not from the database");
        await().atMost(Duration.ofSeconds(3).plusSeconds(5))
                .until(() -> play(COURSE, playForm(3, user, content)).get("content_expired").intValue() == 1);
    }
}
