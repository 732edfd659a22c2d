package org.kollussuite.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.kollussuite.simulator.admin.SuiteAdmin;
import org.kollussuite.simulator.delivery.KollusSender;
import org.kollussuite.simulator.delivery.Redelivery;
import org.kollussuite.simulator.http.Answer;
import org.kollussuite.simulator.report.Redactor;
import org.kollussuite.simulator.verify.PlayerAnswerCheck;
import org.kollussuite.simulator.verify.SuiteAnswerCheck;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.DrmItem;
import org.kollussuite.simulator.wire.Episode;
import org.kollussuite.simulator.wire.KollusRequests;
import org.kollussuite.simulator.wire.KollusRequests.PlatformCallback;
import org.kollussuite.simulator.wire.SuiteTarget;
import org.kollussuite.simulator.wire.Viewer;
import org.kollussuite.simulator.wire.ViewerSession;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The life of a content, told to the suite the way Kollus tells it: upload, transcoding, channel
 * addition, viewers playing it (kind 1, then kind 3) while their players post LMS snapshots (with
 * seeks, a pause and a re-sent stored snapshot), downloads (DRM kinds 1, 2, 3), the next episode,
 * and the removal from the channel. Every step is printed with its answer; every answer is checked.
 */
public final class ContentLifeScenario {

    /** The shape of the run: how many viewers, how long the content, how often the LMS snapshots. */
    public record Settings(int viewers, int contentSeconds, int lmsIntervalSeconds, int blocks, Duration catchUp) {
    }

    private final SuiteTarget target;
    private final KollusSender sender;
    private final SuiteAdmin admin;
    private final KollusRequests requests;
    private final PlayerAnswerCheck playerCheck;
    private final Redactor redactor;
    private final PrintStream out;
    private final Settings settings;
    private final Violations violations = new Violations();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int steps;

    public ContentLifeScenario(SuiteTarget target, KollusSender sender, PrintStream out, Settings settings) {
        this.target = target;
        this.sender = sender;
        this.admin = new SuiteAdmin(target, sender.client());
        this.requests = new KollusRequests(target, Clock.systemUTC());
        this.playerCheck = new PlayerAnswerCheck(target.securityKey(), target.customKey());
        this.redactor = new Redactor(target);
        this.out = out;
        this.settings = settings;
    }

    /** Runs every step and prints the summary; true when no answer broke the contract. */
    public boolean run() {
        out.printf("scenario %s against platform %s, player %s, lms %s, channel %s, LMS shape %s%n", run,
                target.platformUrl(), target.playerUrl(), target.lmsUrl(), target.channelKey(), target.lmsShape().label());
        Episode first = episode(1);
        Episode second = episode(2);
        List<Viewer> viewers = new ArrayList<>();
        for (int i = 1; i <= settings.viewers(); i++) {
            viewers.add(new Viewer("sim-" + run + "-viewer-" + i, "sim-player-" + run + "-" + i, "Simulated device " + i));
        }
        Viewer outsider = new Viewer("sim-" + run + "-outsider", "sim-player-" + run + "-0", "Simulated device 0");

        entitle(viewers);
        for (Episode episode : List.of(first, second)) {
            platform(PlatformCallback.UPLOAD, episode, false);
        }
        platform(PlatformCallback.UPLOAD, first, true);
        for (Episode episode : List.of(first, second)) {
            platform(PlatformCallback.TRANSCODING, episode, false);
        }
        platform(PlatformCallback.CONTENT_UPDATE, first, false);
        for (Episode episode : List.of(first, second)) {
            platform(PlatformCallback.CHANNEL_ADD, episode, false);
        }
        for (Viewer viewer : viewers) {
            play(viewer, first, true);
        }
        play(outsider, first, false);
        for (Viewer viewer : viewers) {
            watch(viewer, first);
        }
        for (Viewer viewer : viewers) {
            download(viewer, first, true);
        }
        download(outsider, first, false);
        nextEpisode(viewers.get(0), first, second);
        for (Episode episode : List.of(first, second)) {
            platform(PlatformCallback.CHANNEL_REMOVE, episode, false);
        }
        return summary();
    }

    private Episode episode(int number) {
        return new Episode("sim-" + run + "-upload-" + number, "sim-" + run + "-episode-" + number + ".mp4",
                "/kollus-simulator/" + run + "/episode-" + number + ".mp4", "sim-" + run + "-mck-" + number,
                "Simulated channel", "sim-pc-hd|sim-mobile-sd", settings.contentSeconds());
    }

    private void entitle(List<Viewer> viewers) {
        Answer answer = admin.entitle(viewers.stream().map(Viewer::clientUserId).toList());
        print("entitlements for " + viewers.size() + " viewer(s) (admin API, as a CMS would)", answer.outcome(),
                redactor.body(answer.body()));
        if (!answer.ok()) {
            failure("setup", "entitlements", "could not grant the viewers' entitlements: " + answer.outcome());
        }
    }

    private void platform(PlatformCallback callback, Episode episode, boolean resent) {
        CallbackRequest request = requests.platform(callback, episode, true);
        step(request, resent ? " (Kollus re-sends it)" : "",
                (delivery, sink) -> SuiteAnswerCheck.platform(delivery, resent, sink));
    }

    private void play(Viewer viewer, Episode episode, boolean allowed) {
        for (int kind : new int[] {1, 3}) {
            step(requests.play(kind, viewer, episode.mediaContentKey()), allowed ? "" : " (no entitlement)",
                    (delivery, sink) -> playerCheck.play(kind, allowed, delivery.lastAnswer(), sink));
        }
    }

    /**
     * One viewing session: periodic snapshots while playing, one on pause, a seek forward over part
     * of the content, a stored snapshot re-sent, a seek back that fills part of the gap, and playing
     * on to the end. The part never watched keeps the progress below 100, which the LMS service must
     * compute exactly.
     */
    private void watch(Viewer viewer, Episode episode) {
        int interval = settings.lmsIntervalSeconds();
        ViewerSession session = new ViewerSession(viewer, episode, Clock.systemUTC().instant().getEpochSecond(),
                settings.blocks(), target.serviceAccountKey(), target.channelKey());
        session.play(interval);
        CallbackRequest stored = snapshot(session, "playing");
        session.play(interval);
        snapshot(session, "playing");
        session.pause(interval);
        snapshot(session, "paused");
        int gap = session.position();
        session.seek(gap + 2 * interval);
        session.play(interval);
        snapshot(session, "after a seek forward");
        step(stored, " (a stored snapshot re-sent)", (delivery, sink) -> SuiteAnswerCheck.lms(delivery, sink));
        session.seek(gap);
        session.play(interval);
        snapshot(session, "after a seek back");
        session.seek(gap + 2 * interval);
        while (!session.ended()) {
            session.play(interval);
            snapshot(session, session.ended() ? "stopped at the end" : "playing");
        }
        progress(viewer, episode, session);
    }

    /**
     * The learner's progress as the LMS service computed it: from the blocks when the channel sends them,
     * else from the real playtime over the duration, with no block counted.
     */
    private void progress(Viewer viewer, Episode episode, ViewerSession session) {
        JsonNode progress = admin.progress(episode.mediaContentKey(), viewer.clientUserId());
        boolean blockInfo = target.lmsShape().blockInfo();
        int due = session.expectedPercent(blockInfo);
        int blocksDue = blockInfo ? settings.blocks() : 0;
        String found = progress == null ? "unreadable"
                : "percent " + progress.path("percent") + " and blockCount " + progress.path("blockCount");
        print("progress of " + viewer.clientUserId() + " (admin API)", progress == null ? "unreadable" : "200",
                progress == null ? "" : found + ", " + due + " and " + blocksDue + " due");
        if (progress == null || progress.path("percent").asInt(-1) != due
                || progress.path("blockCount").asInt(-1) != blocksDue) {
            failure("progress", "progress " + viewer.clientUserId(), found + ", " + due + " and " + blocksDue + " were due");
        }
    }

    private CallbackRequest snapshot(ViewerSession session, String moment) {
        CallbackRequest request = requests.lms(session);
        step(request, " at " + session.position() + " s, " + moment, (delivery, sink) -> SuiteAnswerCheck.lms(delivery, sink));
        return request;
    }

    private void download(Viewer viewer, Episode episode, boolean allowed) {
        long startAt = Clock.systemUTC().instant().getEpochSecond();
        List<DrmItem> kinds = allowed
                ? List.of(new DrmItem(1, viewer, episode.mediaContentKey(), null, null),
                        new DrmItem(2, viewer, episode.mediaContentKey(), null, null),
                        new DrmItem(3, viewer, episode.mediaContentKey(), startAt, "sim-session-" + run))
                : List.of(new DrmItem(1, viewer, episode.mediaContentKey(), null, null));
        for (DrmItem item : kinds) {
            step(requests.drm(List.of(item)), allowed ? "" : " (no entitlement)",
                    (delivery, sink) -> playerCheck.drm(List.of(item), allowed, delivery.lastAnswer(), sink));
        }
    }

    /**
     * The player service learns the channel's contents from the platform's events, a moment after
     * the channel additions were answered: the question is asked again until the answer names the
     * next episode or {@code catchUp} has passed, and only the last answer is judged.
     */
    private void nextEpisode(Viewer viewer, Episode current, Episode next) {
        CallbackRequest request = requests.nextEpisode(viewer, current.mediaContentKey());
        long deadline = System.nanoTime() + settings.catchUp().toNanos();
        Redelivery.Delivery delivery = sender.send(request).join();
        while (System.nanoTime() < deadline && !namesEpisode(delivery, next)) {
            pause(Duration.ofMillis(200));
            delivery = sender.send(request).join();
        }
        judge(request, "", delivery, (last, sink) -> playerCheck.nextEpisode(next.mediaContentKey(),
                last.lastAnswer(), sink));
    }

    private boolean namesEpisode(Redelivery.Delivery delivery, Episode episode) {
        Violations ignored = new Violations();
        playerCheck.nextEpisode(episode.mediaContentKey(), delivery.lastAnswer(), ignored.forCallback("poll"));
        return ignored.total() == 0;
    }

    private void step(CallbackRequest request, String note, BiConsumer<Redelivery.Delivery, Violations.Sink> check) {
        judge(request, note, sender.send(request).join(), check);
    }

    private void judge(CallbackRequest request, String note, Redelivery.Delivery delivery,
                       BiConsumer<Redelivery.Delivery, Violations.Sink> check) {
        Answer answer = delivery.lastAnswer();
        print(request.description() + note, answer.outcome() + (delivery.attempts() > 1 ? " after " + delivery.attempts()
                + " attempts" : ""), redactor.body(answer.body()));
        check.accept(delivery, (category, detail) -> failure(category, request.description(), detail));
    }

    private void print(String what, String outcome, String body) {
        out.printf("[%3d] %-72s %s %s%n", ++steps, what, outcome, body);
    }

    private void failure(String category, String callback, String detail) {
        violations.add(category, callback, redactor.redact(detail));
        out.println("      VIOLATION " + category + ": " + redactor.redact(detail));
    }

    private boolean summary() {
        long total = violations.total();
        out.printf("%d steps, %d violation(s)%n", steps, total);
        for (Map.Entry<String, Long> category : violations.byCategory().entrySet()) {
            out.printf("  %-16s %d%n", category.getKey(), category.getValue());
        }
        out.println(total == 0 ? "PASS" : "FAIL");
        return total == 0;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
