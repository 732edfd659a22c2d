package org.kollussuite.notifier.delivery;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.CoalescingWorker;
import org.kollussuite.commons.persistence.LocalTransactions;
import org.kollussuite.notifier.config.NotifierConfig;
import org.kollussuite.notifier.config.Webhook;
import org.kollussuite.notifier.config.WebhookDirectory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts attempts: for each endpoint, as many due deliveries as it has free in-flight slots and its
 * circuit permits. Endpoints never wait for each other: claims are per endpoint and attempts are
 * asynchronous, so a dead or slow endpoint only ever occupies its own slots.
 *
 * <p>A delivery is claimed with a lease ({@code leased_until}); a process that dies mid-attempt leaves
 * the lease to expire and the delivery is attempted again. A delivery waits while an older delivery
 * of the same subject to the same endpoint is pending, so one subject's events arrive in order.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private static final String CLAIM = """
            with due as (
                select d.id from delivery d
                 where d.endpoint = ? and d.status = 'PENDING' and d.next_attempt_at <= now()
                   and (d.leased_until is null or d.leased_until < now())
                   and (d.subject is null or not exists (
                        select 1 from delivery e
                         where e.endpoint = d.endpoint and e.subject = d.subject and e.status = 'PENDING' and e.id < d.id))
                 order by d.id
                 limit ?
                 for update skip locked)
            update delivery set leased_until = now() + ? * interval '1 millisecond'
              from due where delivery.id = due.id
            returning delivery.id, delivery.event_id, delivery.payload
            """;

    /** One endpoint's live state in this process. */
    public static final class Endpoint {
        final Webhook webhook;
        final CircuitBreaker circuit;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean disabled;

        Endpoint(Webhook webhook, CircuitBreaker circuit) {
            this.webhook = webhook;
            this.circuit = circuit;
        }

        public CircuitBreaker circuit() {
            return circuit;
        }

        public int inFlight() {
            return inFlight.get();
        }
    }

    private final AgroalDataSource dataSource;
    private final WebhookSender sender;
    private final AttemptRecorder recorder;
    private final NotifierConfig config;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final CoalescingWorker worker = new CoalescingWorker("delivery-dispatcher", this::dispatch);
    private final AtomicBoolean statesStale = new AtomicBoolean(true);
    private volatile boolean stopping;

    public Dispatcher(WebhookDirectory webhooks, AgroalDataSource dataSource, WebhookSender sender,
                      AttemptRecorder recorder, NotifierConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.sender = sender;
        this.recorder = recorder;
        this.config = config;
        for (Webhook webhook : webhooks.all()) {
            Endpoint endpoint = new Endpoint(webhook, new CircuitBreaker(config.circuitFailureThreshold(),
                    config.circuitOpenDuration(), Clock.systemUTC()));
            endpoints.put(webhook.name(), endpoint);
            List<Tag> tags = List.of(Tag.of("endpoint", webhook.name()));
            registry.gauge("kollus.notifier.in.flight", tags, endpoint.inFlight);
            registry.gauge("kollus.notifier.circuit.open", tags, endpoint,
                    e -> e.circuit.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
        }
    }

    /** Asks for a dispatch round soon; requests made while one is queued merge into it. */
    public void wake() {
        if (!stopping) {
            worker.request();
        }
    }

    /**
     * Asks for a dispatch round that first reads which endpoints are disabled. Rounds read it at least
     * every poll interval, so a disablement or re-enablement made by another replica takes effect then.
     */
    public void endpointStatesChanged() {
        statesStale.set(true);
        wake();
    }

    @Scheduled(every = "${notifier.poll-interval:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        endpointStatesChanged();
    }

    /** The live state of every endpoint, for the API and metrics. */
    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    private void dispatch() {
        if (stopping) {
            return;
        }
        if (statesStale.getAndSet(false)) {
            try {
                Set<String> disabled = disabledEndpoints();
                endpoints.values().forEach(e -> e.disabled = disabled.contains(e.webhook.name()));
            } catch (SQLException e) {
                statesStale.set(true);
                LOG.warnf("Cannot read endpoint states: %s", e.toString());
                return;
            }
        }
        for (Endpoint endpoint : endpoints.values()) {
            if (endpoint.disabled) {
                continue;
            }
            int free = endpoint.webhook.maxInFlight() - endpoint.inFlight.get();
            int permitted = free > 0 ? endpoint.circuit.permits(free) : 0;
            if (permitted == 0) {
                continue;
            }
            List<WebhookSender.Claimed> claimed;
            try {
                claimed = claim(endpoint.webhook, permitted);
            } catch (SQLException e) {
                endpoint.circuit.unused(permitted, 0);
                LOG.warnf("Cannot claim deliveries of %s: %s", endpoint.webhook.name(), e.toString());
                continue;
            }
            endpoint.circuit.unused(permitted, claimed.size());
            for (WebhookSender.Claimed delivery : claimed) {
                endpoint.inFlight.incrementAndGet();
                sender.send(endpoint.webhook, delivery).whenComplete((result, error) -> {
                    endpoint.inFlight.decrementAndGet();
                    if (result != null) {
                        if (result.gone()) {
                            // The recorder disables the endpoint in the database; stop at once meanwhile.
                            endpoint.disabled = true;
                            endpoint.circuit.succeeded();
                        } else if (result.delivered()) {
                            endpoint.circuit.succeeded();
                        } else {
                            endpoint.circuit.failed();
                        }
                        recorder.record(result, endpoint.webhook);
                    }
                    wake();
                });
            }
        }
    }

    /**
     * Leases up to {@code limit} deliveries. The lease is committed without waiting for the disk: a
     * lease lost in a database crash only means the delivery is attempted again, with the same
     * webhook-id, which at-least-once delivery allows; a claim per round would otherwise wait for a
     * WAL flush each time.
     */
    private List<WebhookSender.Claimed> claim(Webhook webhook, int limit) throws SQLException {
        return LocalTransactions.inTransaction(dataSource, connection -> {
            List<WebhookSender.Claimed> claimed = new ArrayList<>(limit);
            try (Statement relaxed = connection.createStatement();
                 PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                relaxed.execute("set local synchronous_commit = off");
                statement.setString(1, webhook.name());
                statement.setInt(2, limit);
                // The lease outlives the attempt's own timeout, so only a dead process lets it expire.
                statement.setLong(3, webhook.timeout().toMillis() + 30_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new WebhookSender.Claimed(rows.getLong(1), webhook.name(), rows.getString(2),
                                rows.getString(3)));
                    }
                }
            }
            return claimed;
        });
    }

    private Set<String> disabledEndpoints() throws SQLException {
        Set<String> disabled = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select endpoint from endpoint_state where disabled_at is not null");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                disabled.add(rows.getString(1));
            }
        }
        return disabled;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
