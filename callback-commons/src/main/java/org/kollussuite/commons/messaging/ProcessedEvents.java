package org.kollussuite.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.event.CloudEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The idempotent-consumer log: a consumer handles an event id at most once, because the id is
 * recorded in the same transaction as the consumer's own state change.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final AgroalDataSource dataSource;

    public ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records {@code eventId} for {@code consumer} in the current transaction and answers whether this
     * is its first delivery. A concurrent delivery of the same id waits for this transaction, then sees it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, String eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + eventId + " as processed", e);
        }
    }

    /**
     * Records every id of {@code eventIds} for {@code consumer} in the current transaction, in one
     * statement, and answers those delivered for the first time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markAllProcessed(String consumer, Collection<String> eventIds) {
        Set<String> firstSeen = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into processed_event (consumer, event_id) select ?, unnest(?::varchar[]) "
                             + "on conflict do nothing returning event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    firstSeen.add(rows.getString(1));
                }
            }
            return firstSeen;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + eventIds.size() + " events as processed", e);
        }
    }

    /** Runs {@code handler} in the current transaction unless {@code consumer} already processed the event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean processOnce(String consumer, CloudEvent event, Consumer<CloudEvent> handler) {
        if (!markProcessed(consumer, event.id())) {
            return false;
        }
        handler.accept(event);
        return true;
    }
}
