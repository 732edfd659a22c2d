package org.kollussuite.player.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import org.kollussuite.player.domain.Entitlement;
import org.kollussuite.player.domain.EntitlementGrant;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads entitlements for the decision cache and writes grants in bulk. */
@ApplicationScoped
public class EntitlementStore {

    /** Rows per statement of a bulk grant: large enough to amortize round trips, small enough for one array. */
    private static final int CHUNK = 5_000;

    /**
     * One statement upserts a whole chunk: arrays are unnested into rows; a grant of an existing
     * (user, channel, content) updates it and lifts any revocation.
     */
    private static final String UPSERT = """
            insert into entitlement (client_user_id, channel_key, media_content_key, valid_from, valid_until,
                                     download_allowed)
            select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::boolean[])
            on conflict (client_user_id, channel_key, media_content_key) do update
               set valid_from = excluded.valid_from, valid_until = excluded.valid_until,
                   download_allowed = excluded.download_allowed, revoked_at = null, updated_at = now()
            returning id
            """;

    private final AgroalDataSource dataSource;

    public EntitlementStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every entitlement, active or not, of one user in one channel. */
    @ActivateRequestContext
    public List<Entitlement> of(String channelKey, String clientUserId) {
        return EntitlementEntity.<EntitlementEntity>find("channelKey = ?1 and clientUserId = ?2", channelKey, clientUserId)
                .stream().map(EntitlementEntity::toEntitlement).toList();
    }

    /** Upserts {@code grants} in the current transaction and answers their ids; a key may appear only once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> grant(List<EntitlementGrant> grants) {
        List<Long> ids = new ArrayList<>(grants.size());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (int start = 0; start < grants.size(); start += CHUNK) {
                List<EntitlementGrant> chunk = grants.subList(start, Math.min(grants.size(), start + CHUNK));
                upsert.setArray(1, array(connection, "varchar", chunk.stream().map(EntitlementGrant::clientUserId)));
                upsert.setArray(2, array(connection, "varchar", chunk.stream().map(EntitlementGrant::channelKey)));
                upsert.setArray(3, array(connection, "varchar", chunk.stream().map(EntitlementGrant::mediaContentKey)));
                upsert.setArray(4, array(connection, "varchar",
                        chunk.stream().map(g -> g.validFrom() == null ? null : g.validFrom().toString())));
                upsert.setArray(5, array(connection, "varchar",
                        chunk.stream().map(g -> g.validUntil() == null ? null : g.validUntil().toString())));
                upsert.setArray(6, connection.createArrayOf("boolean",
                        chunk.stream().map(EntitlementGrant::downloadAllowed).toArray(Boolean[]::new)));
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + grants.size() + " entitlement(s)", e);
        }
        return ids;
    }

    private static Array array(Connection connection, String type, Stream<String> values)
            throws SQLException {
        return connection.createArrayOf(type, values.toArray(String[]::new));
    }
}
