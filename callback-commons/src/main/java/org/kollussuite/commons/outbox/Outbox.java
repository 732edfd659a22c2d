package org.kollussuite.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.event.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Records events in the caller's transaction, so an event exists if and only if the state change
 * that caused it commits; the {@link OutboxRelay} publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds {@code event} to the current transaction; there must be one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CloudEvent event) {
        appendAll(List.of(event));
    }

    /**
     * Adds {@code events} to the current transaction in one batch of statements; there must be a transaction.
     * An event already stored is left as it is: a commit that failed on the way back (the database went down
     * after committing) is retried with the same events, which must not fail on their own earlier copy.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // The pool hands out the connection already enlisted in this transaction, the one Hibernate uses too.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into outbox_event (id, type, subject, payload) values (?, ?, ?, ?) on conflict (id) do nothing")) {
            for (CloudEvent event : events) {
                insert.setObject(1, UUID.fromString(event.id()));
                insert.setString(2, event.type());
                insert.setString(3, event.subject());
                insert.setString(4, new String(event.toBytes(), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + events.size() + " event(s) in the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.requestDrain();
                }
            }
        });
    }
}
