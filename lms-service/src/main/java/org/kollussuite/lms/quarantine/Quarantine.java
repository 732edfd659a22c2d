package org.kollussuite.lms.quarantine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.SnapshotRequest;
import org.kollussuite.lms.domain.UnreadableSnapshotException;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;
import org.kollussuite.lms.quarantine.QuarantineStore.NewEntry;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the authenticated snapshots that cannot be read or merged, so that none the player handed over
 * is lost (kollus-callbacks.md §9.11). Entries are written by group commit, as snapshots are: a flood of
 * unreadable snapshots costs a few transactions a second. Retention and a per-channel cap bound it.
 */
@ApplicationScoped
public class Quarantine {

    private static final Logger LOG = Logger.getLogger(Quarantine.class);
    static final int MAX_MESSAGE = 1000;
    /** The {@code channel} label of whatever is not a configured channel. */
    public static final String UNKNOWN_CHANNEL = "unknown";
    static final int MAX_CONTENT_TYPE = 200;
    /** At most one log line per channel this often: a flood of unreadable snapshots would flood the log too. */
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final QuarantineStore store;
    private final ChannelDirectory channels;
    private final LmsConfig config;
    private final MeterRegistry registry;
    private final GroupCommit<NewEntry, Void> groupCommit;
    private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unlogged = new ConcurrentHashMap<>();

    public Quarantine(QuarantineStore store, ChannelDirectory channels, LmsConfig config, MeterRegistry registry) {
        this.store = store;
        this.channels = channels;
        this.config = config;
        this.registry = registry;
        this.groupCommit = GroupCommit.<NewEntry, Void>builder("lms-quarantine-writer", this::write)
                .queueCapacity(config.queueCapacity())
                .batchSize(config.batchSize())
                .meters(registry, "kollus.lms.quarantine")
                .build();
    }

    /** Completes once {@code request} is stored with {@code why}; fails when it could not be stored for now. */
    public CompletionStage<Void> keep(SnapshotRequest request, UnreadableSnapshotException why) {
        Reason reason = why.reason();
        registry.counter("kollus.lms.quarantined", "channel", channelLabel(request.channelKey()), "reason",
                reason.label()).increment();
        log(request, reason);
        return groupCommit.submit(new NewEntry(request.receivedAt(), request.channelKey(), reason.label(),
                storable(why.getMessage(), MAX_MESSAGE), reason != Reason.BODY_TOO_LARGE, request.query(),
                storable(request.contentType(), MAX_CONTENT_TYPE), request.body(), request.sourceAddress()));
    }

    /** The {@code channel} label of {@code channelKey}: itself when configured, {@link #UNKNOWN_CHANNEL} otherwise. */
    private String channelLabel(String channelKey) {
        return channels.byKey(channelKey).isPresent() ? channelKey : UNKNOWN_CHANNEL;
    }

    /** Logs the quarantine, or counts it for the next line when the channel's last line is recent. */
    private void log(SnapshotRequest request, Reason reason) {
        long now = System.nanoTime();
        AtomicLong last = lastLogged.computeIfAbsent(request.channelKey(), key -> new AtomicLong(now - LOG_EVERY_NANOS));
        AtomicLong skipped = unlogged.computeIfAbsent(request.channelKey(), key -> new AtomicLong());
        long previous = last.get();
        if (now - previous < LOG_EVERY_NANOS || !last.compareAndSet(previous, now)) {
            skipped.incrementAndGet();
            return;
        }
        long more = skipped.getAndSet(0);
        LOG.warnf("Quarantined an LMS snapshot of channel %s from %s: %s%s (GET /api/v1/quarantine)",
                request.channelKey(), request.sourceAddress(), reason.label(),
                more == 0 ? "" : "; and " + more + " more of this channel since the last such line");
    }

    /** {@code text} as a text column takes it: control characters escaped, at most {@code length} characters. */
    static String storable(String text, int length) {
        return text == null ? null : Truncation.truncate(StorableText.escaped(text), length);
    }

    private void write(List<GroupCommit.Item<NewEntry, Void>> batch) throws SQLException {
        List<NewEntry> entries = batch.stream().map(GroupCommit.Item::value).toList();
        try {
            QuarkusTransaction.requiringNew().call(() -> {
                store.insert(entries);
                return null;
            });
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            throw e;
        }
        batch.forEach(item -> item.complete(null));
    }

    /** Drops what is past the retention or beyond the per-channel cap, oldest first, and counts it. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() throws SQLException {
        Map<String, Integer> dropped = store.purge(Instant.now().minus(config.quarantineRetention()),
                config.quarantineMaxPerChannel(), channels.all().stream().map(Channel::key).toList());
        dropped.forEach((channel, count) -> {
            // Retention also drops entries of channels no longer configured: their keys are no label.
            registry.counter("kollus.lms.quarantine.dropped", "channel", channelLabel(channel)).increment(count);
            LOG.infof("Dropped %d quarantined LMS snapshots of channel %s (retention or per-channel cap)", count, channel);
        });
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(30));
    }
}
