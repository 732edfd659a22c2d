package org.kollussuite.lms.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.lms.persistence.ProgressStore;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a batch of snapshots in one transaction: locks the learners' progress rows, merges every
 * snapshot, writes progress and sessions back and records the events their changes caused. Either
 * all of it commits or none, so a snapshot is acknowledged only once its effect is durable.
 */
@ApplicationScoped
public class ProgressWriter {

    static final String SOURCE = CloudEvent.sourceOf("lms-service");

    private final ProgressStore store;
    private final Outbox outbox;
    private final ChannelDirectory channels;

    public ProgressWriter(ProgressStore store, Outbox outbox, ChannelDirectory channels) {
        this.store = store;
        this.outbox = outbox;
        this.channels = channels;
    }

    /** Answers, per snapshot in order, whether it changed anything (false: a duplicate or an older resend). */
    @Transactional(rollbackOn = SQLException.class)
    public boolean[] apply(List<Snapshot> batch) throws SQLException {
        List<ProgressKey> keys = new ArrayList<>(new TreeSet<>(batch.stream().map(Snapshot::key).toList()));
        Map<ProgressKey, Progress> progress = store.lock(keys);
        List<ProgressKey> sessionKeys = new ArrayList<>(batch.size());
        List<Long> sessionStarts = new ArrayList<>(batch.size());
        for (Snapshot snapshot : batch) {
            sessionKeys.add(snapshot.key());
            sessionStarts.add(snapshot.startAt());
        }
        store.loadSessions(progress, sessionKeys, sessionStarts);

        Instant now = Instant.now();
        boolean[] changed = new boolean[batch.size()];
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Snapshot snapshot = batch.get(i);
            Progress learner = progress.get(snapshot.key());
            Channel channel = channels.byKey(snapshot.key().channelKey()).orElseThrow();
            int percentBefore = learner.percent();
            boolean completedBefore = learner.completedAt() != null;
            changed[i] = learner.apply(snapshot, channel.lmsCompletionPercent(), now);
            int step = channel.lmsProgressStep();
            if (learner.percent() / step > percentBefore / step) {
                events.add(event(EventTypes.LMS_PROGRESSED, learner));
            }
            if (!completedBefore && learner.completedAt() != null) {
                events.add(event(EventTypes.LMS_COMPLETED, learner));
            }
        }
        store.save(progress.values(), now);
        outbox.appendAll(events);
        return changed;
    }

    private static CloudEvent event(String type, Progress progress) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("channelKey", progress.key().channelKey())
                .put("mediaContentKey", progress.key().mediaContentKey())
                .put("clientUserId", progress.key().clientUserId())
                .put("percent", progress.percent())
                .put("watchedBlocks", progress.watchedBlocks())
                .put("blockCount", progress.blockCount())
                .put("playtime", progress.playtime())
                .put("realPlaytime", progress.realPlaytime())
                .put("lastPosition", progress.lastPosition())
                .put("sessions", progress.sessionCount());
        if (progress.completedAt() != null) {
            data.put("completedAt", progress.completedAt().toString());
        }
        return CloudEvent.create(SOURCE, type, progress.key().mediaContentKey(), data)
                .withExtension(CloudEvent.CHANNEL_EXTENSION, progress.key().channelKey())
                .withExtension(CloudEvent.USER_EXTENSION, progress.key().clientUserId());
    }
}
