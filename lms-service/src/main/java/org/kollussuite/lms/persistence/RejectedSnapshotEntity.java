package org.kollussuite.lms.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** An LMS callback refused as bad input, kept for operators. */
@Entity
@Table(name = "rejected_snapshot")
public class RejectedSnapshotEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "channel_key")
    public String channelKey;

    public String error;

    public String message;

    /** Every received parameter, the inbound token removed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> parameters;

    @Column(name = "source_address")
    public String sourceAddress;
}
