package org.kollussuite.lms.quarantine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.lms.quarantine.QuarantinedSnapshot.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads and writes quarantined snapshots ({@code lms_quarantine}). */
@ApplicationScoped
public class QuarantineStore {

    private static final String COLUMNS = "id, received_at, channel_key, reason, message, status, reappliable, query, "
            + "content_type, body, source_address, applied_at";
    private static final TypeReference<Map<String, List<String>>> QUERY = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public QuarantineStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What a new entry holds; its id and status come from the database. */
    public record NewEntry(Instant receivedAt, String channelKey, String reason, String message, boolean reappliable,
                           Map<String, List<String>> query, String contentType, byte[] body, String sourceAddress) {
    }

    /** Stores {@code entries} in one transaction: one JDBC batch. */
    public void insert(List<NewEntry> entries) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into lms_quarantine (received_at, channel_key, reason, message, reappliable, query,
                                                 content_type, body, source_address)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                     """)) {
            for (NewEntry entry : entries) {
                insert.setTimestamp(1, Timestamp.from(entry.receivedAt()));
                insert.setString(2, entry.channelKey());
                insert.setString(3, entry.reason());
                insert.setString(4, entry.message());
                insert.setBoolean(5, entry.reappliable());
                insert.setBytes(6, json.writeValueAsBytes(entry.query()));
                insert.setString(7, entry.contentType());
                insert.setBytes(8, entry.body());
                insert.setString(9, entry.sourceAddress());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    public Optional<QuarantinedSnapshot> find(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from lms_quarantine where id = ?")) {
            select.setLong(1, id);
            List<QuarantinedSnapshot> found = list(select);
            return found.stream().findFirst();
        }
    }

    /** Entries newest first, filtered by whichever of channel, reason and status is not null. */
    public List<QuarantinedSnapshot> page(String channelKey, String reason, Status status, int offset, int limit)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + """
                      from lms_quarantine
                     where (?::varchar is null or channel_key = ?) and (?::varchar is null or reason = ?)
                       and (?::varchar is null or status = ?)
                     order by id desc offset ? limit ?
                     """)) {
            String statusLabel = status == null ? null : status.label();
            select.setString(1, channelKey);
            select.setString(2, channelKey);
            select.setString(3, reason);
            select.setString(4, reason);
            select.setString(5, statusLabel);
            select.setString(6, statusLabel);
            select.setInt(7, offset);
            select.setInt(8, limit);
            return list(select);
        }
    }

    /** A channel's re-appliable quarantined entries after {@code afterId}, oldest first. */
    public List<QuarantinedSnapshot> waiting(String channelKey, long afterId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + """
                      from lms_quarantine
                     where channel_key = ? and id > ? and status = 'quarantined' and reappliable
                     order by id limit ?
                     """)) {
            select.setString(1, channelKey);
            select.setLong(2, afterId);
            select.setInt(3, limit);
            return list(select);
        }
    }

    /** Marks {@code ids} applied at {@code now}. */
    public void markApplied(List<Long> ids, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update lms_quarantine set status = 'applied', applied_at = ? where id = any(?)")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    /** Keeps entry {@code id} quarantined, for the reason its last reading gave. */
    public void requarantine(long id, String reason, String message) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update lms_quarantine set reason = ?, message = ? where id = ?")) {
            update.setString(1, reason);
            update.setString(2, message);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /**
     * Deletes entries received before {@code before}, then, of each channel of {@code channelKeys}, the oldest beyond
     * {@code maxPerChannel}; answers how many went, by channel.
     */
    public Map<String, Integer> purge(Instant before, long maxPerChannel, Collection<String> channelKeys)
            throws SQLException {
        Map<String, Integer> dropped = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement old = connection.prepareStatement("""
                     with gone as (delete from lms_quarantine where received_at < ? returning channel_key)
                     select channel_key, count(*) from gone group by channel_key
                     """);
             PreparedStatement beyond = connection.prepareStatement("""
                     with gone as (
                            delete from lms_quarantine
                             where channel_key = ? and id <= (select id from lms_quarantine where channel_key = ?
                                                               order by id desc offset ? limit 1)
                            returning channel_key)
                     select channel_key, count(*) from gone group by channel_key
                     """)) {
            old.setTimestamp(1, Timestamp.from(before));
            count(old, dropped);
            for (String channelKey : channelKeys) {
                beyond.setString(1, channelKey);
                beyond.setString(2, channelKey);
                beyond.setLong(3, maxPerChannel);
                count(beyond, dropped);
            }
        }
        return dropped;
    }

    private static void count(PreparedStatement statement, Map<String, Integer> dropped) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                dropped.merge(rows.getString(1), rows.getInt(2), Integer::sum);
            }
        }
    }

    private List<QuarantinedSnapshot> list(PreparedStatement select) throws SQLException {
        List<QuarantinedSnapshot> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Timestamp appliedAt = rows.getTimestamp(12);
                entries.add(new QuarantinedSnapshot(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                        rows.getString(4), rows.getString(5), Status.valueOf(rows.getString(6).toUpperCase(Locale.ROOT)),
                        rows.getBoolean(7), query(rows.getBytes(8)), rows.getString(9), rows.getBytes(10),
                        rows.getString(11), appliedAt == null ? null : appliedAt.toInstant()));
            }
        }
        return entries;
    }

    private Map<String, List<String>> query(byte[] stored) {
        try {
            return json.readValue(stored, QUERY);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored query is the JSON this store wrote", e);
        }
    }
}
