package org.kollussuite.lms.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.lms.domain.Progress;
import org.kollussuite.lms.domain.ProgressKey;
import org.kollussuite.lms.domain.Session;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the progress of a whole batch with a handful of set-based statements: a batch of a
 * thousand snapshots costs the same few round trips as one.
 */
@ApplicationScoped
public class ProgressStore {

    private static final String KEYS = "unnest(?::varchar[], ?::varchar[], ?::varchar[])";

    private final AgroalDataSource dataSource;

    public ProgressStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Progress rows as read, with each row's version then: writing them back fails if one has moved since. */
    public record Loaded(Map<ProgressKey, Progress> progress, Map<ProgressKey, RowVersion> versions) {
    }

    /**
     * Where a row was read ({@code ctid}) and the transaction that wrote it ({@code xmin}). The write-back
     * goes straight to that address instead of searching the index again, and finds the row only while it
     * is that version: any update moves a row to a new address under a new {@code xmin}.
     */
    public record RowVersion(String row, String xmin) {
    }

    /** Another transaction changed a progress row between its read and its write-back. */
    public static final class ConcurrentUpdateException extends RuntimeException {

        ConcurrentUpdateException(String table, int expected, int updated) {
            super(expected - updated + " of " + expected + " " + table + " rows changed since they were read");
        }

        public ConcurrentUpdateException(SQLException deadlock) {
            super("deadlocked with another transaction writing the same progress rows", deadlock);
        }
    }

    /**
     * Reads the progress rows of {@code keys}, creating missing ones, locked for the current transaction
     * when {@code lockRows}. Rows are read, locked and created in key order (every replica uses the same
     * order, so two locking batches never deadlock); after the first snapshots of a learner its row exists,
     * so the insert usually has nothing to do and is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Loaded read(List<ProgressKey> keys, boolean lockRows) throws SQLException {
        Loaded loaded = new Loaded(new LinkedHashMap<>(), new HashMap<>());
        try (Connection connection = dataSource.getConnection()) {
            read(connection, keys, lockRows, loaded);
            List<ProgressKey> missing = keys.stream().filter(key -> !loaded.progress().containsKey(key)).toList();
            if (!missing.isEmpty()) {
                try (PreparedStatement create = connection.prepareStatement(
                        "insert into lms_progress (channel_key, media_content_key, client_user_id) select c, m, u from "
                                + KEYS + " as k(c, m, u) order by c, m, u on conflict do nothing")) {
                    bind(create, 1, keyColumns(missing).arrays(connection));
                    create.executeUpdate();
                }
                read(connection, missing, lockRows, loaded);
            }
        }
        return loaded;
    }

    /**
     * Reads the rows of {@code keys} into {@code loaded}. A lateral lookup per key uses the unique index
     * whatever the table's statistics say, and locks the rows in the order of the (sorted) keys. The
     * version is the row's {@code xmin}, the transaction that wrote it, which every update changes.
     */
    private static void read(Connection connection, List<ProgressKey> keys, boolean lockRows, Loaded loaded)
            throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("""
                select p.channel_key, p.media_content_key, p.client_user_id, p.block_count, p.block_count_session,
                       p.block_watched, p.block_time, p.block_percent, p.playtime, p.real_playtime, p.duration,
                       p.last_position, p.last_position_session, p.last_position_playtime, p.sessions, p.completed_at,
                       p.ctid::text, p.xmin::text, p.percent, p.playtime_percent, p.normalized
                  from %s with ordinality as k(c, m, u, n)
                 cross join lateral (
                       select *, ctid, xmin from lms_progress q
                        where q.channel_key = k.c and q.media_content_key = k.m and q.client_user_id = k.u
                        %s) p
                 order by k.n
                """.formatted(KEYS, lockRows ? "for update" : ""))) {
            bind(read, 1, keyColumns(keys).arrays(connection));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    ProgressKey key = new ProgressKey(rows.getString(1), rows.getString(2), rows.getString(3));
                    Timestamp completedAt = rows.getTimestamp(16);
                    loaded.progress().put(key, new Progress(key, rows.getInt(4), rows.getLong(5),
                            booleans(rows.getArray(6)), ints(rows.getArray(7)), ints(rows.getArray(8)),
                            rows.getInt(19), (Integer) rows.getObject(20), rows.getLong(9), rows.getLong(10),
                            (Integer) rows.getObject(11), (Integer) rows.getObject(12), rows.getLong(13),
                            rows.getLong(14), rows.getInt(15), completedAt == null ? null : completedAt.toInstant(),
                            rows.getInt(21)));
                    loaded.versions().put(key, new RowVersion(rows.getString(17), rows.getString(18)));
                }
            }
        }
    }

    /** Makes the stored sessions {@code (key, startAt)} known to their progress. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void loadSessions(Map<ProgressKey, Progress> progress, List<ProgressKey> keys, List<Long> startAts)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("""
                     select s.channel_key, s.media_content_key, s.client_user_id, s.ctid::text, s.start_at, s.playtime,
                            s.real_playtime, s.last_position, s.block_count, s.player_id, s.snapshots, s.snapshot,
                            s.normalized
                       from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[]) as k(c, m, u, a)
                      cross join lateral (
                            select *, ctid from lms_session t
                             where t.channel_key = k.c and t.media_content_key = k.m and t.client_user_id = k.u
                               and t.start_at = k.a) s
                     """)) {
            Columns sessionKeys = new Columns("varchar", "varchar", "varchar", "bigint");
            for (int i = 0; i < keys.size(); i++) {
                ProgressKey key = keys.get(i);
                sessionKeys.add(key.channelKey(), key.mediaContentKey(), key.clientUserId(), startAts.get(i));
            }
            bind(read, 1, sessionKeys.arrays(connection));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    ProgressKey key = new ProgressKey(rows.getString(1), rows.getString(2), rows.getString(3));
                    progress.get(key).knowSession(new Session(rows.getString(4), rows.getLong(5), rows.getLong(6),
                            rows.getLong(7), (Integer) rows.getObject(8), rows.getInt(9), rows.getString(10),
                            rows.getInt(11), rows.getString(12), rows.getInt(13)));
                }
            }
        }
    }

    /**
     * Writes back every progress of the batch and its sessions, one statement per table and kind of
     * write: a statement per row costs PostgreSQL an execution each, which a batch of hundreds of
     * snapshots would pay hundreds of times. Rows read in this transaction are updated at the address
     * they were read from, without another index search; a progress row only while its version is the one
     * read. When a row has moved, {@link ConcurrentUpdateException} is thrown before any session is written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Loaded loaded, Instant now) throws SQLException {
        Collection<Progress> batch = loaded.progress().values();
        Columns progress = new Columns("text", "text", "integer", "bigint", "text", "text", "text", "integer",
                "integer", "bigint", "bigint", "integer", "integer", "bigint", "bigint", "integer", "text", "integer",
                "integer");
        Columns storedSessions = new Columns("text", "bigint", "bigint", "integer", "integer", "integer", "integer",
                "integer", "integer");
        Columns newSessions = new Columns("varchar", "varchar", "varchar", "bigint", "bigint", "bigint", "integer",
                "integer", "varchar", "integer", "integer", "integer", "integer");
        Texts storedSnapshots = new Texts();
        Texts newSnapshots = new Texts();
        for (Progress p : batch) {
            ProgressKey key = p.key();
            RowVersion version = loaded.versions().get(key);
            progress.add(version.row(), version.xmin(), p.blockCount(), p.blockCountSession(),
                    arrayLiteral(p.watched()), arrayLiteral(p.time()), arrayLiteral(p.percentByBlock()),
                    p.watchedBlocks(), p.percent(), p.playtime(), p.realPlaytime(), p.duration(), p.lastPosition(),
                    p.lastPositionSession(), p.lastPositionPlaytime(), p.sessionCount(),
                    // ISO-8601 text, cast in SQL: exact to the microsecond, whatever the session's time zone.
                    p.completedAt() == null ? null : p.completedAt().toString(), p.playtimePercent(), p.normalized());
            for (Session s : p.sessions()) {
                if (s.row() != null) {
                    int[] text = storedSnapshots.add(s.snapshot());
                    storedSessions.add(s.row(), s.playtime(), s.realPlaytime(), s.lastPosition(), s.blockCount(),
                            s.snapshots(), text[0], text[1], s.normalized());
                } else {
                    int[] text = newSnapshots.add(s.snapshot());
                    newSessions.add(key.channelKey(), key.mediaContentKey(), key.clientUserId(), s.startAt(),
                            s.playtime(), s.realPlaytime(), s.lastPosition(), s.blockCount(), s.playerId(),
                            s.snapshots(), text[0], text[1], s.normalized());
                }
            }
        }
        Timestamp at = Timestamp.from(now);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement updateProgress = connection.prepareStatement("""
                     update lms_progress p
                        set block_count = v.block_count, block_count_session = v.block_count_session,
                            block_watched = v.block_watched::boolean[], block_time = v.block_time::integer[],
                            block_percent = v.block_percent::integer[], watched_blocks = v.watched_blocks,
                            percent = v.percent, playtime = v.playtime, real_playtime = v.real_playtime,
                            duration = v.duration, last_position = v.last_position,
                            last_position_session = v.last_position_session,
                            last_position_playtime = v.last_position_playtime, sessions = v.sessions,
                            completed_at = v.completed_at::timestamptz, playtime_percent = v.playtime_percent,
                            normalized = v.normalized, updated_at = ?
                       from unnest(?::text[], ?::text[], ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                   ?::integer[], ?::integer[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[],
                                   ?::bigint[], ?::bigint[], ?::integer[], ?::text[], ?::integer[], ?::integer[])
                            as v(row, version, block_count, block_count_session, block_watched, block_time,
                                 block_percent, watched_blocks, percent, playtime, real_playtime, duration,
                                 last_position, last_position_session, last_position_playtime, sessions, completed_at,
                                 playtime_percent, normalized)
                      where p.ctid = v.row::tid and p.xmin::text = v.version
                     """);
             PreparedStatement updateSessions = connection.prepareStatement("""
                     update lms_session s
                        set playtime = v.pt, real_playtime = v.rpt, last_position = v.lp, block_count = v.bc,
                            snapshots = v.n, snapshot = convert_from(substring(? from v.start for v.length), 'UTF8'),
                            normalized = v.normalized, updated_at = ?
                       from unnest(?::text[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::integer[],
                                   ?::integer[], ?::integer[], ?::integer[])
                            as v(row, pt, rpt, lp, bc, n, start, length, normalized)
                      where s.ctid = v.row::tid
                     """);
             PreparedStatement insertSessions = connection.prepareStatement("""
                     insert into lms_session (channel_key, media_content_key, client_user_id, start_at, playtime,
                                              real_playtime, last_position, block_count, player_id, snapshots,
                                              snapshot, normalized, first_seen_at, updated_at)
                     select v.c, v.m, v.u, v.a, v.pt, v.rpt, v.lp, v.bc, v.pid, v.n,
                            convert_from(substring(? from v.start for v.length), 'UTF8'), v.normalized, ?, ?
                       from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[],
                                   ?::integer[], ?::integer[], ?::varchar[], ?::integer[], ?::integer[], ?::integer[],
                                   ?::integer[])
                            as v(c, m, u, a, pt, rpt, lp, bc, pid, n, start, length, normalized)
                     on conflict (channel_key, media_content_key, client_user_id, start_at) do update
                        set playtime = excluded.playtime, real_playtime = excluded.real_playtime,
                            last_position = excluded.last_position, block_count = excluded.block_count,
                            snapshots = excluded.snapshots, snapshot = excluded.snapshot,
                            normalized = lms_session.normalized | excluded.normalized, updated_at = excluded.updated_at
                     """)) {
            updateProgress.setTimestamp(1, at);
            bind(updateProgress, 2, progress.arrays(connection));
            int updated = updateProgress.executeUpdate();
            if (updated != batch.size()) {
                throw new ConcurrentUpdateException("progress", batch.size(), updated);
            }
            if (!storedSessions.isEmpty()) {
                updateSessions.setBytes(1, storedSnapshots.bytes());
                updateSessions.setTimestamp(2, at);
                bind(updateSessions, 3, storedSessions.arrays(connection));
                updated = updateSessions.executeUpdate();
                if (updated != storedSessions.size()) {
                    throw new ConcurrentUpdateException("session", storedSessions.size(), updated);
                }
            }
            if (!newSessions.isEmpty()) {
                insertSessions.setBytes(1, newSnapshots.bytes());
                insertSessions.setTimestamp(2, at);
                insertSessions.setTimestamp(3, at);
                bind(insertSessions, 4, newSessions.arrays(connection));
                insertSessions.executeUpdate();
            }
        }
    }

    /**
     * The rows of a batch as one array per column, for {@code unnest(...)}: one statement, and one
     * execution in PostgreSQL, for any number of rows.
     */
    private static final class Columns {

        private final String[] types;
        private final List<List<Object>> values = new ArrayList<>();

        /** One SQL element type per column. */
        Columns(String... types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                values.add(new ArrayList<>());
            }
        }

        void add(Object... row) {
            if (row.length != types.length) {
                throw new IllegalArgumentException(row.length + " values for " + types.length + " columns");
            }
            for (int i = 0; i < row.length; i++) {
                values.get(i).add(row[i]);
            }
        }

        boolean isEmpty() {
            return values.get(0).isEmpty();
        }

        int size() {
            return values.get(0).size();
        }

        Array[] arrays(Connection connection) throws SQLException {
            Array[] arrays = new Array[types.length];
            for (int i = 0; i < types.length; i++) {
                arrays[i] = connection.createArrayOf(types[i], values.get(i).toArray());
            }
            return arrays;
        }
    }

    private static Columns keyColumns(List<ProgressKey> keys) {
        Columns columns = new Columns("varchar", "varchar", "varchar");
        keys.forEach(key -> columns.add(key.channelKey(), key.mediaContentKey(), key.clientUserId()));
        return columns;
    }

    /** Binds {@code arrays} to consecutive parameters from {@code first} on. */
    private static void bind(PreparedStatement statement, int first, Array[] arrays) throws SQLException {
        for (int i = 0; i < arrays.length; i++) {
            statement.setArray(first + i, arrays[i]);
        }
    }

    /**
     * Texts of a batch as the UTF-8 bytes of all of them, one after the other, which PostgreSQL cuts
     * again by start and length: one binary parameter, neither escaped here nor parsed there. Escaping the
     * JSON snapshots, hundreds of bytes each, as an array literal or a JSON array, and PostgreSQL's parsing
     * of it, had cost more than anything else done for a session.
     */
    private static final class Texts {

        private final List<byte[]> texts = new ArrayList<>();
        private int length;

        /** Adds {@code text}; answers its start (from 1, as SQL's {@code substring} counts) and its length in bytes. */
        int[] add(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            texts.add(bytes);
            int start = length + 1;
            length += bytes.length;
            return new int[] {start, bytes.length};
        }

        byte[] bytes() {
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] text : texts) {
                System.arraycopy(text, 0, all, at, text.length);
                at += text.length;
            }
            return all;
        }
    }

    /** {@code {t,f,...}}: the text form of a boolean[] column, cast back in SQL. */
    private static String arrayLiteral(boolean[] values) {
        StringBuilder text = new StringBuilder(2 + values.length * 2).append('{');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i] ? 't' : 'f');
        }
        return text.append('}').toString();
    }

    /** {@code {1,2,...}}: the text form of an integer[] column, cast back in SQL. */
    private static String arrayLiteral(int[] values) {
        StringBuilder text = new StringBuilder(2 + values.length * 4).append('{');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append('}').toString();
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
}
