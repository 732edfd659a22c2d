package org.kollussuite.simulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.kollussuite.simulator.testing.AgainstStubSuite;
import org.kollussuite.simulator.testing.StubSuite;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusMainTest
class LoadCommandTest extends AgainstStubSuite {

    private LaunchResult load(QuarkusMainLauncher launcher, String... extra) {
        return launch(launcher, List.of("load", "--viewers", "5", "--warmup", "PT0S"), extra);
    }

    @Test
    void aLoadRunReportsSentThroughputAndPercentilesPerCallbackTypeAsJson(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = load(launcher, "--rate", "platform=10,play=40,drm=10,lms=40,next-episode=10",
                "--duration", "PT1S", "--json");

        assertEquals(0, result.exitCode(), result.getOutput());
        JsonNode report = JSON.readTree(result.getOutput());
        assertTrue(report.path("passed").asBoolean());
        for (String type : List.of("platform", "play", "drm", "lms", "next-episode")) {
            JsonNode stats = report.path("types").path(type);
            assertTrue(stats.path("sent").asLong() >= 9, type + " " + stats);
            assertEquals(type.equals("play") || type.equals("lms") ? 40.0 : 10.0, stats.path("offeredPerSecond").asDouble(),
                    type + " " + stats);
            assertTrue(stats.path("throughputPerSecond").asDouble() > 0, type + " " + stats);
            double p50 = stats.path("p50Ms").asDouble();
            double p99 = stats.path("p99Ms").asDouble();
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= stats.path("p999Ms").asDouble()
                    && stats.path("p999Ms").asDouble() <= stats.path("maxMs").asDouble(), type + " " + stats);
            assertEquals(0, stats.path("violations").asLong(), type + " " + stats);
        }
    }

    @Test
    void latencyCountsFromTheDueTimeSoASlowSuiteShowsItsQueue(QuarkusMainLauncher launcher) throws IOException {
        suite.delayAnswers(100);

        LaunchResult result = load(launcher, "--rate", "play=20", "--duration", "PT1S", "--json");

        JsonNode play = JSON.readTree(result.getOutput()).path("types").path("play");
        assertTrue(play.path("p50Ms").asDouble() >= 100, play.toString());
    }

    @Test
    void aSlowCallbackTypeDoesNotDelayTheOthers(QuarkusMainLauncher launcher) throws IOException {
        suite.delayAnswers("/callbacks/platform/", 1000);

        LaunchResult result = load(launcher, "--rate", "platform=5,play=20", "--connections", "1", "--duration", "PT1S",
                "--json");

        // One connection for platform callbacks answered a second late at 5/s: they queue for seconds. Play
        // callbacks behind a shared limit would wait as long; with a limit per type they do not wait at all.
        JsonNode types = JSON.readTree(result.getOutput()).path("types");
        assertTrue(types.path("platform").path("p50Ms").asDouble() >= 1000, types.toString());
        assertTrue(types.path("play").path("p99Ms").asDouble() < 1000,
                "play waited behind the slow platform callbacks: " + types);
    }

    @Test
    void answersOtherThan200AreCountedByStatusAndRetriedPlatformCallbacksAreReported(QuarkusMainLauncher launcher)
            throws IOException {
        suite.fail("/callbacks/platform/upload", 1, 503);

        LaunchResult result = load(launcher, "--rate", "platform=10", "--duration", "PT1S", "--retry-interval", "PT0.1S", "--json");

        JsonNode platform = JSON.readTree(result.getOutput()).path("types").path("platform");
        assertEquals(0, result.exitCode(), result.getOutput());
        assertEquals(1, platform.path("notOk").path("503").asLong(), platform.toString());
        assertEquals(1, platform.path("retries").asLong(), platform.toString());
        assertEquals(1, platform.path("deliveredOnRetry").asLong(), platform.toString());
        assertEquals(0, platform.path("givenUp").asLong(), platform.toString());
    }

    @Test
    void anLmsSnapshotAnswered503IsALostSnapshotViolationAndIsNotRetried(QuarkusMainLauncher launcher) throws IOException {
        suite.fail("/lms", 1, 503);

        LaunchResult result = load(launcher, "--rate", "lms=10", "--duration", "PT1S", "--lms-resend-interval", "PT0.1S", "--json");

        JsonNode lms = JSON.readTree(result.getOutput()).path("types").path("lms");
        assertEquals(1, result.exitCode(), result.getOutput());
        assertEquals(1, lms.path("violationsByCategory").path("snapshot-lost").asLong(), lms.toString());
        assertEquals(1, lms.path("notOk").path("503").asLong(), lms.toString());
        assertEquals(0, lms.path("retries").asLong(), lms.toString());
        assertEquals(lms.path("sent").asLong(), suite.received("/lms").size(), "one request per snapshot sent");
    }

    @Test
    void lmsSnapshotsWithoutAnAnswerAreSentAgainAndCountedAsRetries(QuarkusMainLauncher launcher) throws IOException {
        suite.closeWithoutAnswer("/lms", 1);

        LaunchResult result = load(launcher, "--rate", "lms=10", "--duration", "PT1S", "--lms-resend-interval", "PT0.1S", "--json");

        JsonNode lms = JSON.readTree(result.getOutput()).path("types").path("lms");
        assertEquals(0, result.exitCode(), result.getOutput());
        assertEquals(1, lms.path("retries").asLong(), lms.toString());
        assertEquals(1, lms.path("deliveredOnRetry").asLong(), lms.toString());
        assertEquals(0, lms.path("violations").asLong(), lms.toString());
    }

    @Test
    void aLoadRunSendsLmsSnapshotsInTheChannelsShape(QuarkusMainLauncher launcher) {
        LaunchResult result = load(launcher, "--rate", "lms=10", "--duration", "PT1S", "--lms-shape", "flat");

        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("LMS shape flat"), result.getOutput());
        for (StubSuite.Received snapshot : suite.received("/lms")) {
            assertFalse(snapshot.form().containsKey("json_data"), snapshot.form().toString());
            assertTrue(snapshot.form().containsKey("B1") && !snapshot.form().containsKey("B0"), snapshot.form().toString());
        }
    }

    @Test
    void aLoadRunWithWrongAnswersPrintsTheViolationsAndFails(QuarkusMainLauncher launcher) {
        suite.signWith("someone-elses-key");

        LaunchResult result = load(launcher, "--rate", "play=10", "--duration", "PT1S");

        assertEquals(1, result.exitCode());
        assertTrue(result.getOutput().contains("play violations {signature=10}"), result.getOutput());
        assertTrue(result.getOutput().contains("\nFAIL"), result.getOutput());
    }

    @Test
    void anUnreadableRateNamesTheOptionAndExitsWithStatus2(QuarkusMainLauncher launcher) {
        LaunchResult result = load(launcher, "--rate", "play=fast");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Invalid value for option '--rate'"), result.getErrorOutput());
    }

    @Test
    void anUnknownCallbackTypeInTheRatesNamesTheOptionAndExitsWithStatus2(QuarkusMainLauncher launcher) {
        LaunchResult result = load(launcher, "--rate", "upload=5");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("'upload=5' is not <type>=<per second>"), result.getErrorOutput());
    }

    @Test
    void aRetryIntervalThatIsNotADurationNamesTheOptionAndExitsWithStatus2(QuarkusMainLauncher launcher) {
        LaunchResult result = load(launcher, "--retry-interval", "5min");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Invalid value for option '--retry-interval'"), result.getErrorOutput());
    }

    @Test
    void aUrlThatIsNotHttpNamesTheOptionAndExitsWithStatus2(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("load", "--lms-url", "ftp://example");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Invalid value for option '--lms-url'"), result.getErrorOutput());
    }
}
