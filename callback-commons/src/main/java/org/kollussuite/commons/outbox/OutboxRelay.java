package org.kollussuite.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.CoalescingWorker;
import org.kollussuite.commons.persistence.LocalTransactions;
import org.kollussuite.commons.text.Truncation;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox rows to {@code kollus.events} with publisher confirms and marks them sent.
 *
 * <p>One replica of a service publishes at a time: each batch holds the advisory lock
 * {@link #PUBLISHER_LOCK} for its transaction, and another replica's relay waits for it. Rows are claimed
 * in their append order, so events leave in commit order across replicas (with two publishers at once, one
 * could publish a later event while the other still held an earlier one). A row is marked sent only after
 * the broker confirmed its whole batch, so a crash or an outage at any point leads to a later
 * re-publication under the same id, never a loss. Consumers deduplicate on the event id. When the broker
 * refuses one message of a batch itself (larger than its {@code max_message_size}), the batch is published
 * in halves until that event is alone; it is parked ({@code parked_at}, left out of every claim, counted
 * and logged) and every other event is published.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The transaction-level advisory lock every replica's relay takes before it claims a batch ("outbox" in ASCII). */
    public static final long PUBLISHER_LOCK = 0x6f7574626f78L;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR = 1000;
    private static final Duration LOCK_MARGIN = Duration.ofSeconds(30);

    private final OutboxConfig config;
    private final AgroalDataSource dataSource;
    private final EventPublisher publisher;
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", this::drain);
    private volatile boolean stopping;
    /** Attempts failed in a row: only the first failure and the recovery are logged, not every retry. */
    private volatile int failuresInARow;
    private final Counter published;
    private final Counter failed;
    private final Counter parked;

    public OutboxRelay(OutboxConfig config, AgroalDataSource dataSource, EventPublisher publisher,
                       MeterRegistry registry) {
        this.config = config;
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.published = registry.counter("kollus.outbox.published");
        this.failed = registry.counter("kollus.outbox.publish.failed");
        this.parked = registry.counter("kollus.outbox.parked");
        registry.gauge("kollus.outbox.failing", this, relay -> relay.failuresInARow > 0 ? 1 : 0);
    }

    /** Asks for a drain soon; requests made while one is queued are merged into it. */
    public void requestDrain() {
        if (!config.relayEnabled()) {
            return;
        }
        worker.request();
    }

    @Scheduled(every = "${" + OutboxConfig.POLL_INTERVAL + ":1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        requestDrain();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purgePublished() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from outbox_event where published_at < ?")) {
            delete.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()));
            int purged = delete.executeUpdate();
            LOG.debugf("Purged %d published outbox events", purged);
        } catch (SQLException e) {
            LOG.warnf("Could not purge published outbox events: %s", e.toString());
        }
    }

    /**
     * Publishes pending rows batch by batch until none is left or a batch fails, and answers how many
     * were published. Runs on the caller's thread; the relay itself calls it on its worker.
     */
    public synchronized int drain() {
        if (stopping) {
            return 0;
        }
        int total = 0;
        try {
            int batch;
            do {
                batch = LocalTransactions.inTransaction(dataSource, this::publishClaimedRows);
                total += Math.max(batch, 0);
            } while (batch == config.batchSize());
        } catch (SQLException | RuntimeException e) {
            if (!stopping) {
                failing("Outbox relay could not publish: %s", e.toString());
            }
        }
        return total;
    }

    /** One batch in one local transaction: the number published or parked, or -1 when the broker did not confirm it. */
    private int publishClaimedRows(Connection connection) throws SQLException {
        // A relay cut off from the database mid-batch (its node lost, not its process) would keep the lock until
        // PostgreSQL noticed the connection is gone, and every other replica would wait that long: the server ends
        // the session once it has been idle in this transaction for longer than any wait for confirms.
        try (PreparedStatement lock = connection.prepareStatement(
                "select set_config('idle_in_transaction_session_timeout', ?, true), pg_advisory_xact_lock(?)")) {
            lock.setString(1, config.confirmTimeout().plus(LOCK_MARGIN).toMillis() + "ms");
            lock.setLong(2, PUBLISHER_LOCK);
            lock.execute();
        }
        List<EventPublisher.Event> events = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement("select id, type, payload from outbox_event "
                + "where published_at is null and parked_at is null order by seq limit ? for update skip locked")) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    events.add(new EventPublisher.Event(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3)));
                }
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        int handled = publishApart(connection, events, publish(events));
        if (handled > 0 && failuresInARow > 0) {
            LOG.infof("Outbox relay publishes again after %d failed attempt(s)", failuresInARow);
            failuresInARow = 0;
        }
        return handled;
    }

    /**
     * Marks {@code events} published when {@code failure} is null; when the broker refused one of them, publishes
     * each half apart until the refused event is alone and parks it; else records the failure. Answers how many
     * were published or parked, or -1 when the broker failed for another reason.
     */
    private int publishApart(Connection connection, List<EventPublisher.Event> events, Failure failure)
            throws SQLException {
        List<UUID> ids = events.stream().map(EventPublisher.Event::id).toList();
        if (failure == null) {
            update(connection, "update outbox_event set published_at = now(), attempts = attempts + 1 where id = any(?)",
                    ids, null);
            published.increment(ids.size());
            return ids.size();
        }
        if (!failure.refused()) {
            update(connection, "update outbox_event set attempts = attempts + 1, last_error = ? where id = any(?)",
                    ids, Truncation.truncate(failure.message(), MAX_ERROR));
            failed.increment(ids.size());
            failing("Outbox relay: %d events not confirmed (%s); they will be published again", ids.size(),
                    failure.message());
            return -1;
        }
        if (events.size() == 1) {
            update(connection, "update outbox_event set parked_at = now(), attempts = attempts + 1, last_error = ? "
                    + "where id = any(?)", ids, Truncation.truncate(failure.message(), MAX_ERROR));
            parked.increment();
            LOG.errorf("Outbox event %s (%s) is parked: the broker refuses it (%s); every other event is published. "
                    + "Setting its parked_at to null publishes it again", ids.get(0), events.get(0).type(), failure.message());
            return 1;
        }
        int half = events.size() / 2;
        int handled = 0;
        for (List<EventPublisher.Event> part : List.of(events.subList(0, half), events.subList(half, events.size()))) {
            int partHandled = publishApart(connection, part, publish(part));
            if (partHandled < 0) {
                return handled == 0 ? -1 : handled;
            }
            handled += partHandled;
        }
        return handled;
    }

    /** Logs the first failure of a run of failures as a warning and the rest at debug level: an outage is one story. */
    private void failing(String format, Object... parameters) {
        if (failuresInARow++ == 0) {
            LOG.warnf(format, parameters);
        } else {
            LOG.debugf(format, parameters);
        }
    }

    /** Why a batch was not confirmed, and whether the broker refused one of its messages itself. */
    private record Failure(String message, boolean refused) {
    }

    /** Null once the broker confirmed every event, else what went wrong. */
    private Failure publish(List<EventPublisher.Event> events) {
        try {
            publisher.publish(events, config.confirmTimeout());
            return null;
        } catch (EventPublisher.RefusedException e) {
            return new Failure(e.getMessage(), true);
        } catch (TimeoutException e) {
            return new Failure("no confirm within " + config.confirmTimeout(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", false);
        } catch (IOException | RuntimeException e) {
            return new Failure(e.toString(), false);
        }
    }

    private static void update(Connection connection, String sql, List<UUID> ids, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int index = 1;
            if (error != null) {
                update.setString(index++, error);
            }
            update.setArray(index, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        // Rows left unpublished are published by the next instance; none is lost.
        stopping = true;
        worker.stop(config.confirmTimeout());
        publisher.disconnect();
    }
}
