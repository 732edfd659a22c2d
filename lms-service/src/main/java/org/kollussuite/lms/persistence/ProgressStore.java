package org.kollussuite.lms.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.lms.domain.Progress;
import org.kollussuite.lms.domain.ProgressKey;
import org.kollussuite.lms.domain.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the progress of a whole batch with a handful of set-based statements: a batch of a
 * thousand snapshots costs the same five round trips as one.
 */
@ApplicationScoped
public class ProgressStore {

    private static final String KEYS = "unnest(?::varchar[], ?::varchar[], ?::varchar[])";

    private final AgroalDataSource dataSource;

    public ProgressStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks the progress rows of {@code keys} for the current transaction, creating missing ones, in
     * key order (every replica locks in the same order, so two batches never deadlock), and reads them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<ProgressKey, Progress> lock(List<ProgressKey> keys) throws SQLException {
        Map<ProgressKey, Progress> progress = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            Array[] keyArrays = keyArrays(connection, keys);
            try (PreparedStatement create = connection.prepareStatement(
                    "insert into lms_progress (channel_key, media_content_key, client_user_id) select c, m, u from "
                            + KEYS + " as k(c, m, u) order by c, m, u on conflict do nothing")) {
                bindKeys(create, 1, keyArrays);
                create.executeUpdate();
            }
            // A lateral lookup per key uses the unique index whatever the table's statistics say, and locks
            // the rows in the order of the (sorted) keys.
            try (PreparedStatement read = connection.prepareStatement("""
                    select p.channel_key, p.media_content_key, p.client_user_id, p.block_count, p.block_count_session,
                           p.block_watched, p.block_time, p.block_percent, p.playtime, p.real_playtime, p.duration,
                           p.last_position, p.last_position_session, p.last_position_playtime, p.sessions, p.completed_at
                      from %s with ordinality as k(c, m, u, n)
                     cross join lateral (
                           select * from lms_progress q
                            where q.channel_key = k.c and q.media_content_key = k.m and q.client_user_id = k.u
                              for update) p
                     order by k.n
                    """.formatted(KEYS))) {
                bindKeys(read, 1, keyArrays);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        ProgressKey key = new ProgressKey(rows.getString(1), rows.getString(2), rows.getString(3));
                        Timestamp completedAt = rows.getTimestamp(16);
                        progress.put(key, new Progress(key, rows.getInt(4), rows.getLong(5),
                                booleans(rows.getArray(6)), ints(rows.getArray(7)), ints(rows.getArray(8)),
                                rows.getLong(9), rows.getLong(10), (Integer) rows.getObject(11),
                                (Integer) rows.getObject(12), rows.getLong(13), rows.getLong(14), rows.getInt(15),
                                completedAt == null ? null : completedAt.toInstant()));
                    }
                }
            }
        }
        return progress;
    }

    /** Makes the stored sessions {@code (key, startAt)} known to their progress. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void loadSessions(Map<ProgressKey, Progress> progress, List<ProgressKey> keys, List<Long> startAts)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("""
                     select s.channel_key, s.media_content_key, s.client_user_id, s.start_at, s.playtime,
                            s.real_playtime, s.last_position, s.block_count, s.player_id, s.snapshots, s.snapshot
                       from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[]) as k(c, m, u, a)
                      cross join lateral (
                            select * from lms_session t
                             where t.channel_key = k.c and t.media_content_key = k.m and t.client_user_id = k.u
                               and t.start_at = k.a) s
                     """)) {
            bindKeys(read, 1, keyArrays(connection, keys));
            read.setArray(4, connection.createArrayOf("bigint", startAts.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    ProgressKey key = new ProgressKey(rows.getString(1), rows.getString(2), rows.getString(3));
                    progress.get(key).knowSession(new Session(rows.getLong(4), rows.getLong(5), rows.getLong(6),
                            (Integer) rows.getObject(7), rows.getInt(8), rows.getString(9), rows.getInt(10),
                            rows.getString(11)));
                }
            }
        }
    }

    /** Writes back every progress of the batch and its sessions. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Collection<Progress> batch, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement progress = connection.prepareStatement("""
                     update lms_progress set block_count = ?, block_count_session = ?, block_watched = ?,
                            block_time = ?, block_percent = ?, watched_blocks = ?, percent = ?, playtime = ?,
                            real_playtime = ?, duration = ?, last_position = ?, last_position_session = ?,
                            last_position_playtime = ?, sessions = ?, completed_at = ?, updated_at = ?
                      where channel_key = ? and media_content_key = ? and client_user_id = ?
                     """);
             PreparedStatement sessions = connection.prepareStatement("""
                     insert into lms_session (channel_key, media_content_key, client_user_id, start_at, playtime,
                                              real_playtime, last_position, block_count, player_id, snapshots,
                                              snapshot, first_seen_at, updated_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (channel_key, media_content_key, client_user_id, start_at) do update
                        set playtime = excluded.playtime, real_playtime = excluded.real_playtime,
                            last_position = excluded.last_position, block_count = excluded.block_count,
                            snapshots = excluded.snapshots, snapshot = excluded.snapshot, updated_at = excluded.updated_at
                     """)) {
            Timestamp at = Timestamp.from(now);
            for (Progress p : batch) {
                int i = 1;
                progress.setInt(i++, p.blockCount());
                progress.setLong(i++, p.blockCountSession());
                progress.setArray(i++, connection.createArrayOf("boolean", boxed(p.watched())));
                progress.setArray(i++, connection.createArrayOf("integer", boxed(p.time())));
                progress.setArray(i++, connection.createArrayOf("integer", boxed(p.percentByBlock())));
                progress.setInt(i++, p.watchedBlocks());
                progress.setInt(i++, p.percent());
                progress.setLong(i++, p.playtime());
                progress.setLong(i++, p.realPlaytime());
                setInteger(progress, i++, p.duration());
                setInteger(progress, i++, p.lastPosition());
                progress.setLong(i++, p.lastPositionSession());
                progress.setLong(i++, p.lastPositionPlaytime());
                progress.setInt(i++, p.sessionCount());
                progress.setTimestamp(i++, p.completedAt() == null ? null : Timestamp.from(p.completedAt()));
                progress.setTimestamp(i++, at);
                progress.setString(i++, p.key().channelKey());
                progress.setString(i++, p.key().mediaContentKey());
                progress.setString(i, p.key().clientUserId());
                progress.addBatch();
                for (Session s : p.sessions()) {
                    int j = 1;
                    sessions.setString(j++, p.key().channelKey());
                    sessions.setString(j++, p.key().mediaContentKey());
                    sessions.setString(j++, p.key().clientUserId());
                    sessions.setLong(j++, s.startAt());
                    sessions.setLong(j++, s.playtime());
                    sessions.setLong(j++, s.realPlaytime());
                    setInteger(sessions, j++, s.lastPosition());
                    sessions.setInt(j++, s.blockCount());
                    sessions.setString(j++, s.playerId());
                    sessions.setInt(j++, s.snapshots());
                    sessions.setString(j++, s.snapshot());
                    sessions.setTimestamp(j++, at);
                    sessions.setTimestamp(j, at);
                    sessions.addBatch();
                }
            }
            progress.executeBatch();
            sessions.executeBatch();
        }
    }

    /** The keys as three arrays (channels, contents, users), encoded once for every statement that needs them. */
    private static Array[] keyArrays(Connection connection, List<ProgressKey> keys) throws SQLException {
        List<String> channels = new ArrayList<>(keys.size());
        List<String> contents = new ArrayList<>(keys.size());
        List<String> users = new ArrayList<>(keys.size());
        for (ProgressKey key : keys) {
            channels.add(key.channelKey());
            contents.add(key.mediaContentKey());
            users.add(key.clientUserId());
        }
        return new Array[] {connection.createArrayOf("varchar", channels.toArray()),
                connection.createArrayOf("varchar", contents.toArray()), connection.createArrayOf("varchar", users.toArray())};
    }

    private static void bindKeys(PreparedStatement statement, int first, Array[] keyArrays) throws SQLException {
        for (int i = 0; i < keyArrays.length; i++) {
            statement.setArray(first + i, keyArrays[i]);
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static boolean[] booleans(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        boolean[] result = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Boolean.TRUE.equals(values[i]);
        }
        return result;
    }

    private static int[] ints(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] == null ? 0 : ((Number) values[i]).intValue();
        }
        return result;
    }

    private static Boolean[] boxed(boolean[] values) {
        Boolean[] boxed = new Boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Integer[] boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
