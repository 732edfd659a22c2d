package org.kollussuite.notifier.delivery;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.persistence.LocalTransactions;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.notifier.config.NotifierConfig;
import org.kollussuite.notifier.config.Webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records attempts and their consequences in batches, one transaction each: 2xx delivers, 410
 * disables the endpoint (the delivery keeps its retry budget), anything else schedules the next
 * attempt after the endpoint's delay for that attempt with ±20% jitter (or the receiver's bounded
 * {@code Retry-After}), and the last failure of the schedule marks the delivery failed for good.
 * Batches are group commits ({@link GroupCommit}): one kept and written again while the database is
 * away, and an attempt the database refuses on its own is written again alone with its texts cleaned,
 * so no endpoint's attempts ever wait behind another's.
 */
@ApplicationScoped
public class AttemptRecorder {

    /** Prefix of the group commit's meters. */
    public static final String METERS = "kollus.notifier.attempts.log";

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);
    private static final int BATCH = 500;
    private static final int MAX_ERROR = 1000;
    /** Attempts in flight across all endpoints stay far below this; beyond it an attempt goes unrecorded. */
    private static final int QUEUE_CAPACITY = 20_000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private static final String INSERT_ATTEMPT = """
            insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms, response, error)
            values (?, ?, ?, ?, ?, ?)
            """;
    private static final String DELIVERED = """
            update delivery set status = 'DELIVERED', delivered_at = now(), leased_until = null, last_status = ?,
                   last_error = null
             where id = ?
            """;
    private static final String GONE = """
            update delivery set leased_until = null, next_attempt_at = now(), last_status = 410, last_error = ?
             where id = ?
            """;
    private static final String DISABLE = """
            insert into endpoint_state (endpoint, disabled_at, disabled_reason) values (?, now(), ?)
            on conflict (endpoint) do update set disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason
            """;
    private static final String FAILED = """
            update delivery
               set attempts = attempts + 1,
                   status = case when attempts + 1 > cardinality(?::bigint[]) then 'FAILED' else 'PENDING' end,
                   next_attempt_at = now() + coalesce(?::bigint,
                         ((?::bigint[])[least(attempts + 1, cardinality(?::bigint[]))] * (0.8 + random() * 0.4))::bigint)
                         * interval '1 millisecond',
                   leased_until = null, last_status = ?, last_error = ?
             where id = ?
            returning status
            """;

    /** A result and the endpoint whose schedule applies. */
    private record Recorded(AttemptResult result, Webhook webhook) {
    }

    private final AgroalDataSource dataSource;
    private final NotifierConfig config;
    private final MeterRegistry registry;
    private final GroupCommit<Recorded, String> groupCommit;
    private final Counter unrecorded;

    public AttemptRecorder(AgroalDataSource dataSource, NotifierConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.groupCommit = GroupCommit.<Recorded, String>builder("attempt-recorder", this::write)
                .queueCapacity(QUEUE_CAPACITY)
                .batchSize(BATCH)
                .retryTransientAfter(RETRY_PAUSE)
                .onPoisoned(this::writeCleaned)
                .meters(registry, METERS)
                .build();
        this.unrecorded = registry.counter("kollus.notifier.attempts.unrecorded");
    }

    /** Queues the attempt's record without waiting; the delivery's lease holds it until then. */
    public void record(AttemptResult result, Webhook webhook) {
        groupCommit.submit(new Recorded(result, webhook)).whenComplete((outcome, failure) -> {
            if (failure == null) {
                registry.counter("kollus.notifier.attempts", "endpoint", webhook.name(), "outcome", outcome).increment();
            } else {
                unrecorded.increment();
                LOG.errorf("The attempt of delivery %d to %s was not recorded: %s; its lease will expire and the "
                        + "delivery will be attempted again", result.deliveryId(), webhook.name(),
                        GroupCommit.describe(failure));
            }
        });
        Timer.builder("kollus.notifier.attempt.duration").tag("endpoint", webhook.name()).publishPercentileHistogram()
                .register(registry).record(result.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(10));
    }

    private void write(List<GroupCommit.Item<Recorded, String>> batch) throws SQLException {
        List<String> outcomes = writeAll(batch.stream().map(GroupCommit.Item::value).toList());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(outcomes.get(i));
        }
    }

    /** An attempt the database refused on its own: its texts escaped and cut, so that its outcome still counts. */
    private void writeCleaned(GroupCommit.Item<Recorded, String> item, Exception failure) throws SQLException {
        AttemptResult result = item.value().result();
        AttemptResult cleaned = new AttemptResult(result.deliveryId(), result.endpoint(), result.attemptedAt(),
                result.statusCode(), result.latencyMillis(), storable(result.response(), WebhookSender.EXCERPT_LENGTH),
                storable(result.error(), MAX_ERROR), result.retryAfter());
        item.complete(writeAll(List.of(new Recorded(cleaned, item.value().webhook()))).get(0));
    }

    private static String storable(String text, int length) {
        return Truncation.truncate(StorableText.escaped(text), length);
    }

    private List<String> writeAll(List<Recorded> batch) throws SQLException {
        return LocalTransactions.inTransaction(dataSource, connection -> {
            List<String> recordedOutcomes = new ArrayList<>(batch.size());
            try (PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT);
                 PreparedStatement delivered = connection.prepareStatement(DELIVERED);
                 PreparedStatement gone = connection.prepareStatement(GONE);
                 PreparedStatement disable = connection.prepareStatement(DISABLE);
                 PreparedStatement failed = connection.prepareStatement(FAILED)) {
                for (Recorded recorded : batch) {
                    AttemptResult result = recorded.result();
                    attempts.setLong(1, result.deliveryId());
                    attempts.setTimestamp(2, Timestamp.from(result.attemptedAt()));
                    setInteger(attempts, 3, result.statusCode());
                    attempts.setInt(4, (int) Math.min(Integer.MAX_VALUE, result.latencyMillis()));
                    attempts.setString(5, result.response());
                    attempts.setString(6, Truncation.truncate(result.error(), MAX_ERROR));
                    attempts.addBatch();
                    if (result.delivered()) {
                        delivered.setInt(1, result.statusCode());
                        delivered.setLong(2, result.deliveryId());
                        delivered.addBatch();
                        recordedOutcomes.add("delivered");
                    } else if (result.gone()) {
                        String reason = "the endpoint answered 410 Gone at " + result.attemptedAt();
                        gone.setString(1, reason);
                        gone.setLong(2, result.deliveryId());
                        gone.addBatch();
                        disable.setString(1, recorded.webhook().name());
                        disable.setString(2, reason);
                        disable.addBatch();
                        recordedOutcomes.add("disabled");
                    } else {
                        recordedOutcomes.add(recordFailure(connection, failed, recorded));
                    }
                }
                attempts.executeBatch();
                delivered.executeBatch();
                gone.executeBatch();
                disable.executeBatch();
            }
            return recordedOutcomes;
        });
    }

    private String recordFailure(Connection connection, PreparedStatement failed, Recorded recorded) throws SQLException {
        AttemptResult result = recorded.result();
        Long[] schedule = recorded.webhook().retrySchedule().stream().map(Duration::toMillis).toArray(Long[]::new);
        java.sql.Array delays = connection.createArrayOf("bigint", schedule);
        failed.setArray(1, delays);
        Duration retryAfter = result.retryAfter() != null && result.statusCode() != null
                && (result.statusCode() == 429 || result.statusCode() == 503) ? result.retryAfter() : null;
        if (retryAfter == null) {
            failed.setNull(2, Types.BIGINT);
        } else {
            failed.setLong(2, Math.min(retryAfter.toMillis(), config.maxRetryAfter().toMillis()));
        }
        failed.setArray(3, delays);
        failed.setArray(4, delays);
        setInteger(failed, 5, result.statusCode());
        failed.setString(6, Truncation.truncate(result.error() != null ? result.error() : "HTTP " + result.statusCode(), MAX_ERROR));
        failed.setLong(7, result.deliveryId());
        try (ResultSet row = failed.executeQuery()) {
            return row.next() && "FAILED".equals(row.getString(1)) ? "dead" : "failed";
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
