package org.kollussuite.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.kollussuite.notifier.delivery.DeliveryStatus;

import java.time.Instant;
import java.util.UUID;

/** One event to one endpoint, with where its delivery stands. */
@Entity
@Table(name = "delivery")
public class DeliveryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String endpoint;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "event_type")
    public String eventType;

    public String subject;

    @Column(name = "channel_key")
    public String channelKey;

    /** The CloudEvent JSON, posted as it is on every attempt. */
    public String payload;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    /** Failed attempts of the current retry schedule. */
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
