package org.kollussuite.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small, steady load of what Kollus sends while a fault is injected: every tick a new upload callback, a new
 * learner's LMS snapshot and a new viewer's play callback. A platform callback that got no 2xx (an error
 * status, a refused connection, no answer) is re-sent afterwards until acknowledged, as Kollus' retries do. An
 * LMS snapshot is re-sent only when it got no HTTP answer at all, as a Kollus player does: any answer, an error
 * status included, is final, so a snapshot answered with an error is lost and fails the test. The ledger of
 * what was acknowledged is then checked against the webhooks and admin APIs.
 */
final class KollusLoad implements AutoCloseable {

    /** Per callback kind: ten a second, a few thousand requests over a test, enough to be mid-flight at any fault. */
    private static final Duration TICK = Duration.ofMillis(100);
    /** The status recorded for a request that got no HTTP answer: refused or closed connection, timeout. */
    static final int NO_ANSWER = 0;
    private static final String LMS = "lms";

    private final Suite suite;
    private final Kollus kollus;
    private final String run = "run-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<String> acknowledgedUploads = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedTranscodings = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedLearners = ConcurrentHashMap.newKeySet();
    /** Learners whose snapshot got an HTTP answer other than an acknowledgement: the player drops such a snapshot. */
    private final Set<String> droppedSnapshots = ConcurrentHashMap.newKeySet();
    private final Map<String, Resend> pending = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> answeredViewers = new ConcurrentHashMap<>();
    private final List<String> badPlayerAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger resent = new AtomicInteger();
    private ScheduledExecutorService ticks;

    /** A callback Kollus will send again, and where its acknowledgement goes. */
    private record Resend(String kind, String key, Callback callback, Set<String> acknowledged) {
    }

    /** One callback as Kollus sends it, again and again if need be. */
    @FunctionalInterface
    private interface Callback {
        Http.Answer send() throws IOException;
    }

    KollusLoad(Suite suite) {
        this.suite = suite;
        this.kollus = new Kollus(suite);
    }

    void start() {
        ticks = Executors.newScheduledThreadPool(3);
        ticks.scheduleAtFixedRate(this::upload, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::snapshot, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::play, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until a few more uploads and snapshots were acknowledged: the load reaches the services. */
    void awaitFlowing() {
        int uploads = acknowledgedUploads.size();
        int learners = acknowledgedLearners.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedUploads.size() >= uploads + 20
                && acknowledgedLearners.size() >= learners + 20);
    }

    /**
     * Kills replica {@code replica} of each service in turn while the load flows, each started again before
     * the next, and answers the player generations whose decision events may be missing (see
     * {@link #assertNothingLostNorDoubled}).
     */
    Set<Integer> killEachServiceInTurn(int replica) {
        Set<Integer> killedPlayers = new HashSet<>();
        for (SuiteService service : SuiteService.values()) {
            awaitFlowing();
            if (service == SuiteService.PLAYER) {
                killedPlayers.add(suite.generation(SuiteService.PLAYER));
            }
            suite.killAndRestart(service, replica);
        }
        awaitFlowing();
        return killedPlayers;
    }

    /** How often each status answered callbacks of {@code kind} ({@value #NO_ANSWER}: no answer at all). */
    Map<Integer, Integer> statuses(String kind) {
        return new TreeMap<>(statuses.getOrDefault(kind, Map.of()));
    }

    void stop() throws InterruptedException {
        ticks.shutdown();
        assertTrue(ticks.awaitTermination(60, TimeUnit.SECONDS), "the load did not stop");
    }

    /**
     * Kollus' retries and the players' stored snapshots: every callback left pending is sent again until it is
     * acknowledged, a snapshot only for as long as it gets no HTTP answer.
     */
    void resendUntilAcknowledged() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            pending.forEach((key, resend) -> {
                resent.incrementAndGet();
                Http.Answer answer = send(resend.kind(), resend.callback());
                if (acknowledges(resend.kind(), answer)) {
                    resend.acknowledged().add(resend.key());
                    pending.remove(key);
                } else if (answer != null && resend.kind().equals(LMS)) {
                    droppedSnapshots.add(resend.key());
                    pending.remove(key);
                }
            });
            return pending.isEmpty();
        });
    }

    /**
     * Every acknowledged callback reached the webhook once and the admin APIs; no fact reached it under two
     * ids; every player answer was signed. Decisions of a player process that was killed may be missing: the
     * player answers before its decision event is stored (docs/player-callbacks.md, Events).
     */
    void assertNothingLostNorDoubled(Set<Integer> killedPlayerGenerations) {
        Set<String> expected = new HashSet<>();
        acknowledgedUploads.forEach(key -> expected.add("kollus.content.uploaded " + key + " null"));
        acknowledgedTranscodings.forEach(key -> expected.add("kollus.content.transcoded " + key + " null"));
        acknowledgedLearners.forEach(user -> expected.add("kollus.lms.progressed " + content(user) + " " + user));
        answeredViewers.forEach((user, generation) -> {
            if (!killedPlayerGenerations.contains(generation)) {
                expected.add("kollus.playback.denied " + content(user) + " " + user);
            }
        });
        SignedWebhooks webhooks = suite.webhooks();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> missing = missing(expected);
            assertEquals(Set.of(), missing.stream().sorted().limit(10).collect(Collectors.toSet()),
                    missing.size() + " of " + expected.size() + " acknowledged facts not delivered, for example");
        });

        List<SignedWebhooks.Delivery> ours = webhooks.deliveries(d -> d.subject() != null && d.subject().startsWith(run));
        assertEquals(Map.of(), SignedWebhooks.doubled(ours), "facts delivered under more than one webhook-id");
        assertEquals(List.of(), transcodedBeforeUploaded(ours), "contents whose transcoding reached the webhook first");
        assertEquals(List.of(), webhooks.refused(), "deliveries that failed verification");
        assertEquals(List.of(), badPlayerAnswers, "player answers Kollus would refuse");
        for (String key : acknowledgedUploads) {
            assertEquals(200, Http.adminGet(suite.baseUrl(SuiteService.PLATFORM) + "/api/v1/contents/" + key).status(),
                    key + " is missing from the catalog");
        }
        assertEquals(Set.of(), droppedSnapshots, "snapshots answered with an error status, which a player never re-sends");
        Set<String> lost = new HashSet<>(acknowledgedLearners);
        lost.removeAll(learnersWithProgress());
        assertEquals(Set.of(), lost, "acknowledged snapshots without progress");
        System.out.printf("%s: %d uploads, %d transcodings and %d snapshots acknowledged, %d re-sent, %d plays "
                        + "answered; platform %s, lms %s, play %s%n", run, acknowledgedUploads.size(),
                acknowledgedTranscodings.size(), acknowledgedLearners.size(), resent.get(), answeredViewers.size(),
                statuses("upload"), statuses("lms"), statuses("play"));
    }

    /** Upload file keys whose transcoding was delivered before their upload, in the receiver's arrival order. */
    private List<String> transcodedBeforeUploaded(List<SignedWebhooks.Delivery> deliveries) {
        Set<String> uploaded = new HashSet<>();
        List<String> early = new ArrayList<>();
        for (SignedWebhooks.Delivery delivery : deliveries) {
            if (delivery.type().equals("kollus.content.uploaded")) {
                uploaded.add(delivery.subject());
            } else if (delivery.type().equals("kollus.content.transcoded") && !uploaded.contains(delivery.subject())) {
                early.add(delivery.subject());
            }
        }
        return early;
    }

    private Set<String> missing(Set<String> expected) {
        Set<String> delivered = suite.webhooks().deliveries(d -> d.subject() != null && d.subject().startsWith(run))
                .stream().map(SignedWebhooks.Delivery::fact).collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(delivered);
        return missing;
    }

    private Set<String> learnersWithProgress() {
        Set<String> learners = new HashSet<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = Http.adminGet(suite.baseUrl(SuiteService.LMS) + "/api/v1/progress?channel="
                    + suite.channelKey() + "&limit=1000&offset=" + offset).json();
            page.forEach(progress -> {
                String user = progress.path("clientUserId").asText();
                if (user.startsWith(run) && progress.path("mediaContentKey").asText().equals(content(user))
                        && progress.path("percent").asInt() == 10) {
                    learners.add(user);
                }
            });
            if (page.size() < 1000) {
                return learners;
            }
        }
    }

    /** An upload, and once it is acknowledged its transcoding: two events of one subject, in this order. */
    private void upload() {
        String key = run + "-ufk-" + sequence.incrementAndGet();
        Kollus.Content content = new Kollus.Content(key, null, key + ".mp4");
        if (firstSend("upload", key, () -> kollus.upload(content), acknowledgedUploads)) {
            firstSend("transcoding", key, () -> kollus.transcoded(content), acknowledgedTranscodings);
        }
    }

    private void snapshot() {
        String user = run + "-learner-" + sequence.incrementAndGet();
        ObjectNode snapshot = kollus.snapshot(user, content(user), 1_700_000_000L, 100, 100, Set.of(0));
        firstSend(LMS, user, () -> kollus.lms(snapshot), acknowledgedLearners);
    }

    /** A play callback has no retry: Kollus' player just refuses to play without a signed answer. */
    private void play() {
        String user = run + "-viewer-" + sequence.incrementAndGet();
        int generation = suite.generation(SuiteService.PLAYER);
        Http.Answer answer = send("play", () -> kollus.play(1, user, content(user)));
        if (answer == null) {
            return;
        }
        try {
            JsonNode data = PlayerAnswers.data(answer);
            assertEquals(0, data.path("result").asInt(-1), "a viewer without an entitlement is denied");
            answeredViewers.put(user, generation);
        } catch (AssertionError | RuntimeException e) {
            badPlayerAnswers.add(user + ": " + e.getMessage());
        }
    }

    /**
     * Each learner and viewer watches a content of their own: the notifier delivers one subject's events
     * one at a time, in order, and a shared subject would make the whole load a single queue.
     */
    private static String content(String user) {
        return user + "-content";
    }

    /**
     * Whether the first send was acknowledged; if not, it is left for {@link #resendUntilAcknowledged}, but for
     * a snapshot that got an HTTP answer, which the player drops.
     */
    private boolean firstSend(String kind, String key, Callback callback, Set<String> acknowledged) {
        Http.Answer answer = send(kind, callback);
        if (acknowledges(kind, answer)) {
            acknowledged.add(key);
            return true;
        }
        if (answer != null && kind.equals(LMS)) {
            droppedSnapshots.add(key);
        } else {
            pending.put(kind + " " + key, new Resend(kind, key, callback, acknowledged));
        }
        return false;
    }

    /** The answer, or null when there was none; never throws, so a fixed-rate task is never cancelled. */
    private Http.Answer send(String kind, Callback callback) {
        Http.Answer answer;
        try {
            answer = callback.send();
        } catch (IOException | RuntimeException e) {
            answer = null;
        }
        statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .merge(answer == null ? NO_ANSWER : answer.status(), 1, Integer::sum);
        return answer;
    }

    private static boolean acknowledges(String kind, Http.Answer answer) {
        if (answer == null || answer.status() != 200) {
            return false;
        }
        try {
            JsonNode result = answer.json().path("result");
            return kind.equals(LMS) ? result.asInt() == 1
                    : result.asText().equals("accepted") || result.asText().equals("duplicate");
        } catch (AssertionError e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
    }
}
