package org.kollussuite.player.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.kollussuite.player.domain.Entitlement;

import java.time.Instant;

/** A stored entitlement; see {@link Entitlement}. */
@Entity
@Table(name = "entitlement")
public class EntitlementEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_user_id")
    public String clientUserId;

    @Column(name = "channel_key")
    public String channelKey;

    /** Empty for the whole channel. */
    @Column(name = "media_content_key")
    public String mediaContentKey;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "download_allowed")
    public boolean downloadAllowed;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Entitlement toEntitlement() {
        return new Entitlement(id, clientUserId, channelKey, mediaContentKey, validFrom, validUntil, downloadAllowed,
                revokedAt);
    }
}
