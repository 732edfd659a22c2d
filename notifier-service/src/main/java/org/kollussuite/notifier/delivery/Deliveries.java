package org.kollussuite.notifier.delivery;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.messaging.ProcessedEvents;
import org.kollussuite.notifier.config.Webhook;
import org.kollussuite.notifier.config.WebhookDirectory;
import org.kollussuite.notifier.messaging.EventConsumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Creates the deliveries of events: one per endpoint whose event patterns and channel filter match,
 * in the same transaction that records the events as processed, so a redelivered message creates
 * nothing twice. Deliveries are numbered in the order of the events given, which is the order
 * their subjects' deliveries are attempted in.
 */
@ApplicationScoped
public class Deliveries {

    private static final String INSERT = """
            insert into delivery (endpoint, event_id, event_type, subject, channel_key, payload, status,
                                  next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, 'PENDING', now(), now())
            on conflict (endpoint, event_id) do nothing
            """;

    private final ProcessedEvents processed;
    private final WebhookDirectory webhooks;
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Dispatcher dispatcher;

    public Deliveries(ProcessedEvents processed, WebhookDirectory webhooks, AgroalDataSource dataSource,
                      TransactionSynchronizationRegistry transactions, Dispatcher dispatcher) {
        this.processed = processed;
        this.webhooks = webhooks;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
    }

    /** Answers how many deliveries were created: none for events seen before or that no endpoint wants. */
    @Transactional
    public int create(List<CloudEvent> events) {
        Set<String> firstSeen = processed.markAllProcessed(EventConsumer.CHANNEL,
                events.stream().map(CloudEvent::id).toList());
        int created = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (CloudEvent event : events) {
                    if (!firstSeen.remove(event.id())) {
                        continue;
                    }
                    String payload = null;
                    for (Webhook webhook : webhooks.all()) {
                        if (!webhook.accepts(event.type(), event.channel())) {
                            continue;
                        }
                        if (payload == null) {
                            payload = new String(event.toBytes(), StandardCharsets.UTF_8);
                        }
                        insert.setString(1, webhook.name());
                        insert.setObject(2, UUID.fromString(event.id()));
                        insert.setString(3, event.type());
                        insert.setString(4, event.subject());
                        insert.setString(5, event.channel());
                        insert.setString(6, payload);
                        insert.addBatch();
                        created++;
                    }
                }
                if (created > 0) {
                    insert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the deliveries of " + events.size() + " events", e);
        }
        if (created > 0) {
            wakeDispatcherAfterCommit();
        }
        return created;
    }

    private void wakeDispatcherAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }
}
