package org.kollussuite.simulator.load;

import org.kollussuite.simulator.delivery.Redelivery;
import org.kollussuite.simulator.verify.PlayerAnswerCheck;
import org.kollussuite.simulator.verify.SuiteAnswerCheck;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.CallbackType;
import org.kollussuite.simulator.wire.DrmItem;
import org.kollussuite.simulator.wire.Episode;
import org.kollussuite.simulator.wire.KollusRequests;
import org.kollussuite.simulator.wire.KollusRequests.PlatformCallback;
import org.kollussuite.simulator.wire.SuiteTarget;
import org.kollussuite.simulator.wire.Viewer;
import org.kollussuite.simulator.wire.ViewerSession;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The callbacks of a load run and the answer each is due. Platform callbacks walk contents through
 * their lives (upload, transcoding, channel addition, update, removal); entitled viewers take turns
 * to play (kind 1, then 3), download (kinds 1, 2, 3), ask for a next episode of a content the suite
 * does not know (a signed "no next episode" is due) and post LMS snapshots of their sessions, some
 * of them stored ones sent again. Thread-safe: each type is driven by its own thread.
 */
final class LoadTraffic {

    /** One callback to send and the check its final delivery gets, reporting to the sink given. */
    record Call(CallbackRequest request, BiConsumer<Redelivery.Delivery, Violations.Sink> check) {
    }

    private static final List<PlatformCallback> LIFE = List.of(PlatformCallback.UPLOAD, PlatformCallback.TRANSCODING,
            PlatformCallback.CHANNEL_ADD, PlatformCallback.CONTENT_UPDATE, PlatformCallback.CHANNEL_REMOVE);
    private static final int CONTENTS = 20;

    private final SuiteTarget target;
    private final KollusRequests requests;
    private final PlayerAnswerCheck playerCheck;
    private final String run;
    private final int durationSeconds;
    private final int lmsIntervalSeconds;
    private final int blocks;
    private final double resendRatio;
    private final List<Viewer> viewers;
    private final ViewerSession[] sessions;
    private final CallbackRequest[] lastSnapshots;
    private final AtomicLong[] sequences = new AtomicLong[CallbackType.values().length];

    LoadTraffic(SuiteTarget target, LoadSettings settings) {
        this.target = target;
        this.requests = new KollusRequests(target, Clock.systemUTC());
        this.playerCheck = new PlayerAnswerCheck(target.securityKey(), target.customKey());
        this.run = settings.run();
        this.viewers = settings.viewers();
        this.durationSeconds = settings.contentSeconds();
        this.lmsIntervalSeconds = settings.lmsIntervalSeconds();
        this.blocks = settings.blocks();
        this.resendRatio = settings.resendRatio();
        this.sessions = new ViewerSession[viewers.size()];
        this.lastSnapshots = new CallbackRequest[viewers.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = new AtomicLong();
        }
    }

    Call next(CallbackType type) {
        long n = sequences[type.ordinal()].getAndIncrement();
        Viewer viewer = viewers.get((int) (n % viewers.size()));
        String content = "sim-load-" + run + "-mck-" + (n % CONTENTS);
        return switch (type) {
            case PLATFORM -> platform(n);
            case PLAY -> {
                int kind = (n / viewers.size()) % 2 == 0 ? 1 : 3;
                CallbackRequest request = requests.play(kind, viewer, content);
                yield new Call(request, (delivery, sink) -> playerCheck.play(kind, true, delivery.lastAnswer(), sink));
            }
            case DRM -> {
                int kind = (int) (n / viewers.size() % 3) + 1;
                List<DrmItem> items = List.of(new DrmItem(kind, viewer, content,
                        kind == 3 ? Clock.systemUTC().instant().getEpochSecond() : null, kind == 3 ? "sim-load-" + n : null));
                CallbackRequest request = requests.drm(items);
                yield new Call(request, (delivery, sink) -> playerCheck.drm(items, true, delivery.lastAnswer(), sink));
            }
            case NEXT_EPISODE -> {
                CallbackRequest request = requests.nextEpisode(viewer, content);
                yield new Call(request, (delivery, sink) -> playerCheck.nextEpisode(null, delivery.lastAnswer(), sink));
            }
            case LMS -> lms((int) (n % viewers.size()));
        };
    }

    private Call platform(long n) {
        PlatformCallback callback = LIFE.get((int) (n % LIFE.size()));
        long number = n / LIFE.size();
        Episode episode = new Episode("sim-load-" + run + "-upload-" + number, "sim-load-" + run + "-" + number + ".mp4",
                "/kollus-simulator/load/" + run + "/" + number + ".mp4", "sim-load-" + run + "-content-" + number,
                "Simulated channel", "sim-pc-hd", durationSeconds);
        CallbackRequest request = requests.platform(callback, episode, number % 10 != 0);
        return new Call(request, (delivery, sink) -> SuiteAnswerCheck.platform(delivery, false, sink));
    }

    /** The viewer's next snapshot, or now and then one of its stored snapshots sent again. */
    private Call lms(int index) {
        CallbackRequest request;
        synchronized (sessions) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (lastSnapshots[index] != null && random.nextDouble() < resendRatio) {
                request = lastSnapshots[index];
            } else {
                ViewerSession session = advance(index, random);
                request = requests.lms(session);
                lastSnapshots[index] = request;
            }
        }
        CallbackRequest sent = request;
        return new Call(sent, (delivery, sink) -> SuiteAnswerCheck.lms(delivery, sink));
    }

    /** Moves the viewer's session on by one interval: mostly playing, sometimes a pause or a seek. */
    private ViewerSession advance(int index, ThreadLocalRandom random) {
        ViewerSession session = sessions[index];
        if (session == null || session.ended()) {
            long now = Clock.systemUTC().instant().getEpochSecond();
            long startAt = session == null ? now : Math.max(now, session.startAt() + 1);
            Episode episode = new Episode("", "", "", "sim-load-" + run + "-mck-" + (index % CONTENTS), "", "sim-pc-hd",
                    durationSeconds);
            session = new ViewerSession(viewers.get(index), episode, startAt, blocks, target.serviceAccountKey(),
                    target.channelKey());
            sessions[index] = session;
        }
        int action = random.nextInt(10);
        if (action == 0) {
            session.pause(lmsIntervalSeconds);
        } else if (action == 1) {
            session.seek(session.position() + random.nextInt(2 * lmsIntervalSeconds + 1));
        } else {
            session.play(lmsIntervalSeconds);
        }
        return session;
    }
}
