package org.kollussuite.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Endpoint state shared by replicas and kept across restarts: whether it was disabled (410) and why. */
@Entity
@Table(name = "endpoint_state")
public class EndpointStateEntity extends PanacheEntityBase {

    @Id
    public String endpoint;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;
}
