package org.kollussuite.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A replay of an endpoint's deliveries created in a time range, run in the background. */
@Entity
@Table(name = "replay_job")
public class ReplayJobEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String endpoint;

    public Instant since;

    public Instant until;

    /** running, finished or cancelled. */
    public String status;

    /** Deliveries in the range when the replay started. */
    public int total;

    /** Deliveries put back to pending so far. */
    public int replayed;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
