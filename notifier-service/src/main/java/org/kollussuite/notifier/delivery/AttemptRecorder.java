package org.kollussuite.notifier.delivery;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.persistence.LocalTransactions;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records attempts and their consequences in batches, one transaction each: 2xx delivers, 410
 * disables the endpoint (the delivery keeps its retry budget), anything else schedules the next
 * attempt after the endpoint's delay for that attempt with ±20% jitter (or the receiver's bounded
 * {@code Retry-After}), and the last failure of the schedule marks the delivery failed for good.
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);
    private static final int BATCH = 500;

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
    private final BlockingQueue<Recorded> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread thread;

    public AttemptRecorder(AgroalDataSource dataSource, NotifierConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        registry.gaugeCollectionSize("kollus.notifier.attempts.unrecorded", List.of(), queue);
    }

    public void record(AttemptResult result, Webhook webhook) {
        queue.add(new Recorded(result, webhook));
        Timer.builder("kollus.notifier.attempt.duration").tag("endpoint", webhook.name()).publishPercentileHistogram()
                .register(registry).record(result.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "attempt-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        List<Recorded> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Recorded first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    LOG.errorf("%d attempts could not be recorded before stopping: %s; their leases will expire and "
                            + "the deliveries will be attempted again", batch.size(), e.toString());
                    return;
                }
                LOG.warnf("Recording %d attempts failed, retrying: %s", batch.size(), e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void write(List<Recorded> batch) throws SQLException {
        List<String> outcomes = LocalTransactions.inTransaction(dataSource, connection -> {
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
                    attempts.setString(6, Truncation.truncate(result.error(), 1000));
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
        for (int i = 0; i < batch.size(); i++) {
            registry.counter("kollus.notifier.attempts", "endpoint", batch.get(i).webhook().name(),
                    "outcome", outcomes.get(i)).increment();
        }
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
        failed.setString(6, Truncation.truncate(result.error() != null ? result.error() : "HTTP " + result.statusCode(), 1000));
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
