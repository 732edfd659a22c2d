package org.kollussuite.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One attempt of a delivery: what the endpoint answered, or why there was no answer. */
@Entity
@Table(name = "delivery_attempt")
public class AttemptEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id")
    public long deliveryId;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "latency_ms")
    public int latencyMs;

    /** The start of the response body. */
    public String response;

    public String error;
}
