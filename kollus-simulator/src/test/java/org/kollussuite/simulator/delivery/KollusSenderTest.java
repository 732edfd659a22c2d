package org.kollussuite.simulator.delivery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.simulator.config.KollusBehaviour;
import org.kollussuite.simulator.testing.StubSuite;
import org.kollussuite.simulator.verify.SuiteAnswerCheck;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.CallbackType;
import org.kollussuite.simulator.wire.Episode;
import org.kollussuite.simulator.wire.KollusRequests;
import org.kollussuite.simulator.wire.KollusRequests.PlatformCallback;
import org.kollussuite.simulator.wire.LmsShape;
import org.kollussuite.simulator.wire.SuiteTarget;
import org.kollussuite.simulator.wire.Viewer;
import org.kollussuite.simulator.wire.ViewerSession;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KollusSenderTest {

    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final int LMS_RESENDS = 2;
    private static final KollusBehaviour BEHAVIOUR = new KollusBehaviour() {
        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Duration responseTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public int platformRetries() {
            return 3;
        }

        @Override
        public int lmsResendAttempts() {
            return LMS_RESENDS;
        }
    };
    private static final Episode EPISODE = new Episode("upload-1", "episode-1.mp4", "/episode-1.mp4", "mck-1",
            "Simulated channel", "sim-pc-hd", 600);

    private StubSuite suite;
    private KollusSender sender;
    private KollusRequests requests;
    private final Violations violations = new Violations();

    @BeforeEach
    void start() throws IOException {
        suite = new StubSuite();
        sender = new KollusSender(BEHAVIOUR, PAUSE, PAUSE, 4, (request, attempt, due, answer) -> { });
        URI url = URI.create(suite.url());
        requests = new KollusRequests(new SuiteTarget(url, url, url, StubSuite.CHANNEL, StubSuite.TOKEN, StubSuite.ACCOUNT,
                StubSuite.SECURITY_KEY, StubSuite.CUSTOM_KEY, "stub-admin", "json_data", LmsShape.DOCUMENT), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sender.close();
        suite.close();
    }

    private CallbackRequest snapshot() {
        ViewerSession session = new ViewerSession(new Viewer("viewer-1", "player-1", "Simulated device 1"), EPISODE,
                1_800_000_000L, 10, StubSuite.ACCOUNT, StubSuite.CHANNEL);
        session.play(60);
        return requests.lms(session);
    }

    private Redelivery.Delivery deliverLms() {
        Redelivery.Delivery delivery = sender.send(snapshot()).join();
        SuiteAnswerCheck.lms(delivery, violations.forCallback("lms"));
        return delivery;
    }

    @Test
    void anLmsSnapshotAnswered503IsReportedLostAndNeverSentAgain() {
        suite.fail("/lms", 1, 503);

        Redelivery.Delivery delivery = deliverLms();

        assertFalse(delivery.delivered());
        assertEquals(1, delivery.attempts());
        await().during(PAUSE.multipliedBy(4)).atMost(Duration.ofSeconds(2)).until(() -> suite.received("/lms").size() == 1);
        assertEquals(Map.of("snapshot-lost", 1L), violations.byCategory());
        assertEquals("snapshot lost: the player does not re-send after an HTTP answer, and this one was 503, not 200",
                violations.examples().get(0).detail());
        assertEquals(new Redelivery.Counts(0, 0, 1, 0, 0), sender.counts(CallbackType.LMS));
    }

    @Test
    void anLmsSnapshotAnswered200WithoutResultOneIsReportedLostToo() {
        suite.fail("/lms", 1, 200);

        deliverLms();

        assertEquals(1, suite.received("/lms").size());
        assertEquals(Map.of("snapshot-lost", 1L), violations.byCategory());
        assertTrue(violations.examples().get(0).detail().endsWith("this one was 200 without {\"result\":1}"),
                violations.examples().toString());
    }

    @Test
    void anLmsSnapshotWhoseConnectionIsClosedWithoutAnAnswerIsSentAgainAfterAPauseAndStored() {
        suite.closeWithoutAnswer("/lms", 1);

        Redelivery.Delivery delivery = deliverLms();

        assertTrue(delivery.delivered(), delivery.lastAnswer().outcome());
        List<StubSuite.Received> attempts = suite.received("/lms");
        assertEquals(2, attempts.size());
        assertEquals(attempts.get(0).body(), attempts.get(1).body(), "the player re-sends the snapshot it kept, unchanged");
        assertTrue(attempts.get(1).nanos() - attempts.get(0).nanos() >= PAUSE.toNanos(), "re-sent after the pause");
        assertEquals(0, violations.total(), violations.examples().toString());
        assertEquals(new Redelivery.Counts(0, 1, 0, 1, 0), sender.counts(CallbackType.LMS));
    }

    @Test
    void anLmsSnapshotThatNeverGetsAnAnswerIsGivenUpAfterItsResends() {
        suite.closeWithoutAnswer("/lms", 100);

        Redelivery.Delivery delivery = deliverLms();

        assertEquals(1 + LMS_RESENDS, delivery.attempts());
        assertEquals(1 + LMS_RESENDS, suite.received("/lms").size());
        assertEquals(Map.of("given-up", 1L), violations.byCategory());
        assertEquals(new Redelivery.Counts(0, 0, 1, LMS_RESENDS, 0), sender.counts(CallbackType.LMS));
    }

    @Test
    void aPlatformCallbackAnswered503IsStillRetriedAsKollusServersRetryIt() {
        suite.fail("/callbacks/platform/upload", 1, 503);

        Redelivery.Delivery delivery = sender.send(requests.platform(PlatformCallback.UPLOAD, EPISODE, true)).join();

        assertTrue(delivery.delivered(), delivery.lastAnswer().outcome());
        assertEquals(2, suite.received("/callbacks/platform/upload").size());
        assertEquals(new Redelivery.Counts(0, 1, 0, 1, 0), sender.counts(CallbackType.PLATFORM));
    }
}
